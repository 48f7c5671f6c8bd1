from modeltranslation.translator import TranslationOptions, register

from klusteri.events.models import Event, EventSeries, Question, Reminder


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "materials")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "choices")


@register(Reminder)
class ReminderTranslation(TranslationOptions):
    fields = ("text",)
