"""The register of official documents: list, detail, file, and the editors' form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override

from lib.downloads import private_file_response

from .. import access, counters, services
from ..forms import DocumentFilterForm, DocumentForm
from ..models import Document
from ._common import FILE_CSP, _paginate

# --- documents --------------------------------------------------------------------


@login_not_required
def document_list(request: HttpRequest) -> HttpResponse:
    visible = Document.objects.visible_to(request.user)
    # Years and issuers for the filters: two small DISTINCT queries.
    years = sorted({d.year for d in visible.dates("issued_on", "year")}, reverse=True)
    issuers = list(visible.order_by("issuer").values_list("issuer", flat=True).distinct())
    form = DocumentFilterForm(request.GET or None, years=years, issuers=issuers)
    documents = visible.order_by("-issued_on", "-id")
    query = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["type"]:
            documents = documents.filter(doc_type=data["type"])
        if data["year"]:
            documents = documents.filter(issued_on__year=data["year"])
        if data["issuer"]:
            documents = documents.filter(issuer=data["issuer"])
        query = data["q"]
        if query:
            from ..search import _matching, _rank, search_terms

            terms = search_terms(query)
            if terms:
                documents = (
                    documents.filter(_matching(terms))
                    .annotate(rank=_rank(terms))
                    .order_by("-rank", "-issued_on", "-id")
                )
    page = _paginate(request, documents, per_page=20)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "news/document_list.html",
        {"page": page, "form": form, "query_string": params.urlencode()},
    )


@login_not_required
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = access.get_document_for_reader(request.user, slug)
    replaced_by = list(Document.objects.visible_to(request.user).filter(replaces=document)[:5])
    return render(
        request, "news/document_detail.html", {"document": document, "replaced_by": replaced_by}
    )


@login_not_required
@csp_override(FILE_CSP)
def document_file(request: HttpRequest, slug: str) -> HttpResponseBase:
    document = access.get_document_for_reader(request.user, slug)
    if not document.file:
        raise Http404
    # A PDF viewer fetches the file in byte ranges; count the first request only, and no bots.
    byte_range = request.headers.get("Range", "")
    if (not byte_range or byte_range.startswith("bytes=0-")) and not counters.is_bot(request):
        services.count_download(document=document, by=request.user)
    return private_file_response(
        document.file,
        as_attachment=not document.is_pdf,
        filename=document.file_name or (document.file.name or "").rsplit("/", 1)[-1],
        content_type=document.content_type or services.guess_type(document.file.name or ""),
    )


def document_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Editors keep the register: add a document or correct one."""
    editor = access.require_editor(request.user)
    document = access.get_document_for_editor(editor, slug) if slug else Document()
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document)
    if request.method == "POST" and form.is_valid():
        document = services.save_document(
            document=form.save(commit=False), by=editor, upload=form.cleaned_data["upload"]
        )
        messages.success(request, _("Đã lưu văn bản."))
        return redirect(document.get_absolute_url())
    return render(request, "news/document_form.html", {"form": form, "document": document})
