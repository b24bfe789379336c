"""Messages of Django itself that the project's catalogues translate differently from Django's own.

`makemessages` keeps only the messages it finds in the project's source, so each message overridden here is named
with `gettext_noop`; nothing imports this module. The catalogues in LOCALE_PATHS come before Django's, so at run
time these translations win.
"""

from django.utils.translation import gettext_noop

# Translators: the suffix Django's forms put after a field label (BoundField.label_tag, form.label_suffix). Django's
# own zh_Hans catalogue keeps the ASCII ":"; after a Chinese label it is the full-width "：".
LABEL_SUFFIX = gettext_noop(":")
# Translators: a field label already ending in one of these characters gets no suffix. Add the full-width ones
# ("是否在营？" needs no "：").
LABEL_ENDINGS = gettext_noop(":?.!")
