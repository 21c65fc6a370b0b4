"""A pay application as a PDF with Debian's python3-reportlab, for day_app.py's
GET /api/v1/pay-applications/{id}/pdf: the G702 summary (the application and
certificate for payment) on the first page, then the G703 continuation sheet
as a table that repeats its header on every page, letter size, landscape for
the sheet. The figures are those of ours (the stored G702 and G703 columns),
formatted as ours prints them: pdftotext of both shows the same amounts.
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import (NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle, BaseDocTemplate, Frame)

STYLES = getSampleStyleSheet()
G703_HEADER = ["Item", "Description", "Scheduled value", "From previous", "This period",
               "Materials stored", "Completed & stored", "%", "Balance to finish", "Retainage"]
G703_KEYS = ["item", "description", "scheduled", "previous", "this_period", "stored", "completed",
             "percent", "balance", "retainage"]


CONTRACTOR = ("The undersigned contractor certifies that to the best of the contractor's knowledge, "
              "information and belief the work covered by this application for payment has been completed "
              "in accordance with the contract documents, that all amounts have been paid by the contractor "
              "for work for which previous certificates for payment were issued and payments received from "
              "the owner, and that current payment shown herein is now due.")
ARCHITECT = ("In accordance with the contract documents, based on on-site observations and the data "
             "comprising this application, the architect certifies to the owner that to the best of the "
             "architect's knowledge, information and belief the work has progressed as indicated, the "
             "quality of the work is in accordance with the contract documents, and the contractor is "
             "entitled to payment of the amount certified.")


def g702_g703(org_name, a, project, client, architect, g702, rows, totals, readable, money) -> bytes:
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=letter, title=f"Pay application #{a.number} {project.number}",
                          author=org_name)
    portrait = Frame(0.75 * inch, 0.75 * inch, letter[0] - 1.5 * inch, letter[1] - 1.5 * inch)
    wide = landscape(letter)
    sheet = Frame(0.5 * inch, 0.5 * inch, wide[0] - 1.0 * inch, wide[1] - 1.0 * inch)
    doc.addPageTemplates([PageTemplate("g702", [portrait], pagesize=letter),
                          PageTemplate("g703", [sheet], pagesize=wide)])
    h1, body = STYLES["Heading1"], STYLES["BodyText"]

    def text(*parts):  # a paragraph's lines: reportlab reads its markup, so names are escaped
        return "<br/>".join(escape(p).replace("\n", "<br/>") for p in parts)
    story = [Paragraph("Application and certificate for payment (G702)", h1),
             Paragraph(text(f"{org_name} · {project.number} · {project.name}"), body),
             Paragraph(f"Application #{a.number} · period to {readable(a.period_to)}", body)]
    parties = Table([["To owner", "Project", "From contractor"],
                     [Paragraph(text(client.name, client.address) if client else "", body),
                      Paragraph(text(f"{project.number} · {project.name}", project.site_address), body),
                      Paragraph(text(org_name), body)],
                     [Paragraph(text(f"Application no. {a.number}", f"Period to {readable(a.period_to)}",
                                     f"Contract date {readable(project.start_date)}"), body),
                      Paragraph(text("Via architect", architect.name if architect else ""), body),
                      Paragraph(text("Contract for", project.name), body)]],
                    colWidths=[2.3 * inch] * 3)
    parties.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]))
    story += [Spacer(1, 0.15 * inch), parties, Spacer(1, 0.15 * inch),
              Paragraph("Contractor's application for payment", STYLES["Heading3"])]
    summary = [[name, money(cents)] for name, cents in g702]
    if a.certified_cents is not None:
        summary.append(["Amount certified", money(a.certified_cents)])
    table = Table(summary, colWidths=[4.5 * inch, 2.0 * inch])
    table.setStyle(TableStyle([("ALIGN", (1, 0), (1, -1), "RIGHT"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                               ("FONTNAME", (0, 9), (-1, 9), "Helvetica-Bold")]))
    certified = money(a.certified_cents) if a.certified_cents is not None else "______________"
    signatures = Table([[Paragraph("<b>Contractor</b><br/>" + CONTRACTOR, body),
                         Paragraph("<b>Architect's certificate for payment</b><br/>" + ARCHITECT, body)],
                        [Paragraph("By: ______________________________<br/>Date: ______________", body),
                         Paragraph(f"Amount certified: {certified}<br/>Architect: ______________________________"
                                   "<br/>Date: ______________", body)]], colWidths=[3.4 * inch] * 2)
    signatures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 0.2 * inch), signatures, NextPageTemplate("g703"), PageBreak(),
              Paragraph("Continuation sheet (G703)", h1)]
    data = [G703_HEADER] + [[str(r[k]) for k in G703_KEYS] for r in rows]
    data.append(["", "Grand total"] + [totals[k] for k in G703_KEYS[2:]])
    sheet_table = Table(data, repeatRows=1,
                        colWidths=[0.4 * inch, 2.6 * inch] + [0.85 * inch] * 5 + [0.6 * inch] + [0.85 * inch] * 2)
    sheet_table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 7),
                                     ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                                     ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                                     ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                                     ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                                     ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(sheet_table)
    doc.build(story)
    return out.getvalue()
