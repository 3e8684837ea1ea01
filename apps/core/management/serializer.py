"""Django's JSON serialization, but keeping datetimes and times to the microsecond.

Django's encoder stops at the millisecond; a backup must give back what it was given. Django's
own JSON deserializer reads these values, so the archive loads with a plain `loaddata`.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "jixiao_json"


class Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]
        self.json_kwargs["cls"] = Encoder


Deserializer = django_json.Deserializer
