"""Import of history files (CSV / XLSX) described by declarative entity specs (see donnees.specs)."""
