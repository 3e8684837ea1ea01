from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "apps.offline"
    verbose_name = _("Offline filling")

    def ready(self) -> None:
        """Register each kind's codec (codecs.py) and the 离线填报 panel on filing pages."""
        from . import codecs, part
        from .department import DepartmentCodec
        from .project import ProjectCodec

        codecs.register_codec(ProjectCodec())
        codecs.register_codec(DepartmentCodec())
        part.register()
