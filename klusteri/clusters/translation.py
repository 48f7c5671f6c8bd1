from modeltranslation.translator import TranslationOptions, register

from klusteri.clusters.models import (
    Cluster,
    Ecosystem,
    NaceDivision,
    NaceSection,
    ServiceArea,
    Tag,
)


@register([Ecosystem, NaceSection, NaceDivision, ServiceArea, Tag])
class NameTranslation(TranslationOptions):
    fields = ("name",)


@register(Cluster)
class ClusterTranslation(TranslationOptions):
    fields = ("name", "description")
