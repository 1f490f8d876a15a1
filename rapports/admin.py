# Nothing is registered in the admin: it manages accounts only (docs/securite.md §6). Direction enters the
# yearly manual figures on the report page; PDF generations are listed there too.
