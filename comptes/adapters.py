from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by an administrator in the Django admin, never by self sign-up."""

    def is_open_for_signup(self, request):
        return False
