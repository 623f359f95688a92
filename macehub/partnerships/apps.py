from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "macehub.partnerships"
