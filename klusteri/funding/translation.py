from modeltranslation.translator import TranslationOptions, register

from klusteri.funding.models import ApplicantType, Call, Programme


@register(ApplicantType)
class ApplicantTypeTranslation(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "typical_applicants", "relevance", "notes")


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "summary")
