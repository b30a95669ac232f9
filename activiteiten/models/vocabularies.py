from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ontmoeting.text import one_line_field


class Vocabulary(models.Model):
    """An editable list entry (theme, target group)."""

    name = one_line_field(_("name"), max_length=100, unique=True, help_text=_("In Dutch."))
    name_en = one_line_field(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
