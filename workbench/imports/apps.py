from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "workbench.imports"
