from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "workbench.orders"
    verbose_name = _("Orders")

    def ready(self):
        from workbench.orders.sqlite import install_functions

        connection_created.connect(install_functions, dispatch_uid="workbench.orders.sqlite")
