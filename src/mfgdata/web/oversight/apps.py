from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "mfgdata.web.oversight"
    label = "oversight"
    verbose_name = "사후관리"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Add the obligations and deadlines to an organisation's programme page (a section of its own)."""
        from mfgdata.web.oversight.selectors import obligations_of
        from mfgdata.web.programs.organisation_sections import SECTIONS, Section

        template = "oversight/_obligations.html"
        if all(section.template != template for section in SECTIONS):
            SECTIONS.append(
                Section(
                    template,
                    lambda organisation: {
                        "obligation_rows": obligations_of(organisation=organisation),
                        "show_project": True,
                    },
                )
            )
