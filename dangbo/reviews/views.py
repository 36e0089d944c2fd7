"""Review screens: every registered review as a table, and the tenure review in full.

The tenure screen explains each line (which posts were chained, which rule fired); the
others show the same rows `dangbo review NAME --json` prints, with the rule of each.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dangbo.core.dates import vn_date
from dangbo.core.export import table_response
from dangbo.core.models import RuleSettings
from dangbo.reports.charts import screens as charts
from dangbo.reviews import options
from dangbo.reviews.common import records
from dangbo.reviews.labels import label
from dangbo.reviews.registry import REVIEWS
from dangbo.reviews.tenure import names_for, tenure_findings, titles_for
from dangbo.rules.tenure import APPROACHING_MONTHS, CHAIN_GAP_DAYS, OVER_MONTHS

TenureForm = options.form_class(("as_of", "include_deputies"))


class TenureReviewView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Tenure review")
    header_icon = "time"
    template_name = "reviews/tenure.html"

    def dispatch(self, request, *args, **kwargs):
        if not REVIEWS["tenure"].visible_to(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form(self):
        data = self.request.GET.copy()
        if "as_of" not in data:
            data["as_of"] = timezone.localdate().isoformat()
            if RuleSettings.load(request_or_site=self.request).tenure_include_deputies:
                data["include_deputies"] = "on"
        return TenureForm(data)

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        lines, reviewed = [], False
        if form.is_valid():
            options = form.cleaned_data
            lines = self.lines(options)
            fmt = request.GET.get("export")
            if fmt in ("csv", "xlsx"):
                return self.export(fmt, options, lines)
            # Shown again unbound so the date reads dd/mm/yyyy whatever form the link used.
            form = TenureForm(initial=options)
            reviewed = True
        context = self.get_context_data(
            form=form,
            lines=lines,
            reviewed=reviewed,
            rules=rule_notes([line["finding"].rule for line in lines]),
            chart=charts.tenure(charts.tenure_rows(lines)) if reviewed else None,
        )
        return self.render_to_response(context)

    def lines(self, options):
        findings = tenure_findings(
            user=self.request.user,
            as_of=options["as_of"],
            include_deputies=options["include_deputies"],
        )
        people, units = names_for(findings)
        titles = titles_for(findings)
        return [
            {
                "finding": f,
                "person": people.get(f.person_code),
                "unit": units.get(f.unit_code),
                "role": label("role", f.role),
                "status": label("tenure_status", f.status),
                "years": divmod(f.months, 12),
                "posts": [{"holding": h, "title": titles.get(h.ref, "")} for h in f.holdings],
            }
            for f in findings
        ]

    def export(self, fmt, options, lines):
        headings = [
            _("No."),
            _("Code"),
            _("Full name"),
            _("Unit"),
            code_heading(_("Unit")),
            _("Role"),
            _("Since"),
            _("Months"),
            _("Status"),
            _("Chained posts"),
            _("Rule"),
        ]
        rows = [
            [
                i,
                line["finding"].person_code,
                line["person"].full_name if line["person"] else "",
                line["unit"].name if line["unit"] else line["finding"].unit_code,
                line["finding"].unit_code,
                str(line["role"]),
                vn_date(line["finding"].since),
                line["finding"].months,
                str(line["status"]),
                "; ".join(
                    f"{vn_date(p['holding'].start)}–{vn_date(p['holding'].end) or '…'}"
                    for p in line["posts"]
                ),
                line["finding"].rule,
            ]
            for i, line in enumerate(lines, 1)
        ]
        name = f"ra-soat-nhiem-ky-{options['as_of']:%Y-%m-%d}"
        return table_response(fmt, name, headings, rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            over_months=OVER_MONTHS,
            approaching_months=APPROACHING_MONTHS,
            gap_days=CHAIN_GAP_DAYS,
            query=self.request.GET.urlencode(),
            document_url=document_url("tenure", self.request),
            # The results report reads the tenure review with the same options (story.py).
            story_url=document_url("story", self.request),
        )
        return context


# The document a generic review's screen makes, with the review's own options.
DOCUMENT_OF_REVIEW = {"ratings": "ratings"}


def document_url(kind_name: str, request) -> str | None:
    """The issue form of the document this review makes ("Tạo văn bản"), with the review's
    options, for whoever may issue it."""
    from dangbo.reports.kinds import KINDS
    from dangbo.reports.views import issue_url, may_issue

    kind = KINDS.get(kind_name)
    if kind is None or not may_issue(request.user, kind):
        return None
    return issue_url(kind_name, request.GET.urlencode())


class ReviewView(WagtailAdminTemplateMixin, TemplateView):
    """Any registered review: its options as a form, its findings as a table, downloads."""

    header_icon = "list-ul"
    template_name = "reviews/review.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["name"] not in REVIEWS:
            raise Http404
        self.review = REVIEWS[kwargs["name"]]
        if not self.review.visible_to(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.review.title

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.review.title}]

    def get(self, request, *args, **kwargs):
        form_class = options.form_class(self.review.options)
        if request.GET or not self.review.options:
            form = form_class(request.GET or None)
            valid = not self.review.options or form.is_valid()
        else:
            form, valid = form_class(initial=options.initial(self.review.options)), False
        rows, columns, chart = [], [], None
        if valid:
            chosen = form.cleaned_data if self.review.options else {}
            rows = self.review.run(user=request.user, options=chosen)
            columns = self.review.columns(rows)
            fmt = request.GET.get("export")
            if fmt in ("csv", "xlsx"):
                return self.export(fmt, columns, rows)
            chart = charts.for_review(
                self.review.name, user=request.user, rows=rows, options=chosen
            )
        table = cells(columns, rows)
        rules = rule_notes([row.get("rule", "") for row in rows])
        context = self.get_context_data(
            form=form,
            reviewed=valid,
            columns=columns,
            table=zip(
                table, rows, [rules["number"].get(r.get("rule", "")) for r in rows], strict=True
            ),
            count=len(rows),
            rules=rules,
            query=request.GET.urlencode(),
            chart=chart,
            document_url=document_url(DOCUMENT_OF_REVIEW[self.review.name], request)
            if valid and self.review.name in DOCUMENT_OF_REVIEW
            else None,
        )
        return self.render_to_response(context)

    def export(self, fmt, columns, rows):
        # The words, and the codes in columns of their own beside them (for sorting, joining).
        headings = [_("No.")]
        for c in columns:
            headings += [c.heading, code_heading(c.heading)] if c.code else [c.heading]
        table = []
        for i, row in enumerate(rows, 1):
            line = [i]
            for c in columns:
                line += [c.value(row), c.code_of(row)] if c.code else [c.value(row)]
            table.append([*line, row.get("rule", "")])
        return table_response(fmt, f"ra-soat-{self.review.name}", headings, table)


def rule_notes(rules: list[str]) -> dict:
    """The rules the rows cite, each said once under the table and numbered; a long rule
    text in every row would make the rows tall and the table wider than the screen."""
    distinct = list(dict.fromkeys(r for r in rules if r))
    return {
        "shared": distinct[0] if len(distinct) == 1 else None,
        "notes": distinct if len(distinct) > 1 else [],
        "number": {rule: i for i, rule in enumerate(distinct, 1)},
    }


def code_heading(heading) -> str:
    return _("%(column)s (code)") % {"column": heading}


def cells(columns, rows) -> list[list[dict]]:
    """Each row's cells for the screen: words, the code beside them, the record to link."""
    kinds = [[c.record(r) if c.record else None for c in columns] for r in rows]
    wanted: dict[str, set] = {}
    for row_kinds, row in zip(kinds, rows, strict=True):
        for kind, c in zip(row_kinds, columns, strict=True):
            if kind:
                wanted.setdefault(kind, set()).add(c.code_of(row) or c.value(row))
    found = {kind: records(kind, codes) for kind, codes in wanted.items()}
    table = []
    for row_kinds, row in zip(kinds, rows, strict=True):
        line = []
        for kind, c in zip(row_kinds, columns, strict=True):
            words, code = c.value(row), c.code_of(row)
            record = found[kind].get(code or words) if kind else None
            line.append(
                {
                    "heading": c.heading,
                    "words": words,
                    "code": code if code != words else "",
                    "record": record,
                    "is_code": bool(kind) and not code,
                }
            )
        table.append(line)
    return table
