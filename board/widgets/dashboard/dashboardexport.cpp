// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's reports: a PDF for the monthly review and CSV files for a spreadsheet.
#include "chartpanel.h"
#include "dashboard.h"

#include <board/metrics/reportfiles.h>

#include <QtCharts/QChartView>

#include <QAbstractButton>
#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>
#include <QLabel>
#include <QMessageBox>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QStandardItemModel>
#include <QTextDocument>
#include <QUrl>

namespace hb::board {

using storage::Error;
using storage::ErrorKind;
using storage::Status;

namespace {

Status writeFile(const QString &path, const QByteArray &bytes)
{
    // Whole or not at all: a report half written over the last one helps nobody.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{ErrorKind::Io, Dashboard::tr("%1 could not be written: %2").arg(path, file.errorString())};
    return {};
}

/// @p name as the start of a file name: no folder separators nor characters file systems refuse.
QString fileSafe(QString name)
{
    static const QRegularExpression s_refused(QStringLiteral("[/\\\\:*?\"<>|]"));
    return name.replace(s_refused, QStringLiteral("-")).trimmed();
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

Status Dashboard::exportCsv(const QString &figuresPath, const QString &ticketsPath) const
{
    if (!m_read)
        return Error{ErrorKind::Invalid, tr("there are no figures yet: the board has not been read")};
    const QJsonObject report =
            metrics::reportJson(m_data, m_period, m_summary, m_from, m_to, int(m_rows.size()), m_described);
    // Both made before either is written: a failure leaves neither file changed.
    const QByteArray figures = metrics::figuresCsv(report);
    const QByteArray tickets = metrics::ticketsCsv(m_data, m_indexes, m_period);
    if (auto written = writeFile(figuresPath, figures); !written)
        return written;
    return writeFile(ticketsPath, tickets);
}

Status Dashboard::exportPdf(const QString &path) const
{
    if (!m_read)
        return Error{ErrorKind::Invalid, tr("there are no figures yet: the board has not been read")};
    // One HTML page made of the board's own words, every one escaped: names are people's, never markup.
    QTextDocument document;
    QString html = QStringLiteral("<h1>%1</h1>").arg(escaped(tr("Help-desk report: %1").arg(m_data.boardName)));
    html += QStringLiteral("<p>%1</p>").arg(escaped(m_scope->text()));
    html += QStringLiteral("<h2>%1</h2><table cellpadding='4' border='1' cellspacing='0'>")
                    .arg(escaped(tr("At a glance")));
    for (const QAbstractButton *tile : m_tileButtons) {
        const QString figure = tile->accessibleName();
        const qsizetype colon = figure.lastIndexOf(QStringLiteral(": "));
        html += QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td><td>%3</td></tr>")
                        .arg(escaped(figure.left(colon)), escaped(figure.mid(colon + 2)), escaped(tile->toolTip()));
    }
    html += QStringLiteral("</table><h2>%1</h2>").arg(escaped(tr("Other figures")));
    for (const QString &line : m_others->text().split(u'\n'))
        html += QStringLiteral("<p>%1</p>").arg(escaped(line));
    for (qsizetype i = 0; i < m_charts.size(); ++i) {
        const ChartPanel *chart = m_charts.at(i);
        html += QStringLiteral("<h2>%1</h2>").arg(escaped(chart->title()));
        // The chart as it is drawn on the screen, when it is (not while the tables stand in for the charts).
        if (chart->chartView()->isVisible()) {
            const QImage image = chart->chartView()->grab().toImage();
            const QUrl name(QStringLiteral("chart%1.png").arg(i));
            document.addResource(QTextDocument::ImageResource, name, image);
            html += QStringLiteral("<p><img src='%1' width='%2'></p>")
                            .arg(name.toString())
                            .arg(std::min(image.width(), 640));
        }
        const QStandardItemModel *table = chart->tableModel();
        html += QStringLiteral("<table cellpadding='3' border='1' cellspacing='0'><tr><th></th>");
        for (int column = 0; column < table->columnCount(); ++column)
            html += QStringLiteral("<th>%1</th>").arg(escaped(table->headerData(column, Qt::Horizontal).toString()));
        html += QStringLiteral("</tr>");
        for (int row = 0; row < table->rowCount(); ++row) {
            html += QStringLiteral("<tr><td>%1</td>").arg(escaped(table->headerData(row, Qt::Vertical).toString()));
            for (int column = 0; column < table->columnCount(); ++column)
                html += QStringLiteral("<td align='right'>%1</td>")
                                .arg(escaped(table->index(row, column).data().toString()));
            html += QStringLiteral("</tr>");
        }
        html += QStringLiteral("</table>");
    }
    html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(escaped(tr("Definitions: docs/metrics.md, or Definitions in the dashboard. Hold time, abandon "
                                    "rate and talk time are figures of a telephone queue: a board cannot know them.")));
    document.setHtml(html);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorKind::Io, tr("%1 could not be written: %2").arg(path, file.errorString())};
    {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setResolution(96);
        pdf.setTitle(tr("Help-desk report: %1").arg(m_data.boardName));
        pdf.setCreator(QStringLiteral("HelpBoard"));
        document.setPageSize(QSizeF(pdf.width(), pdf.height()));
        document.print(&pdf);
    }
    if (!file.commit())
        return Error{ErrorKind::Io, tr("%1 could not be written: %2").arg(path, file.errorString())};
    return {};
}

void Dashboard::askExportPdf()
{
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the report as PDF"),
            tr("%1 report %2.pdf").arg(fileSafe(m_data.boardName), m_to.toString(Qt::ISODate)), tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (const Status written = exportPdf(path); !written)
        QMessageBox::warning(this, tr("Report not saved"), written.error().message);
}

void Dashboard::askExportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the figures as CSV (the tickets go beside them)"),
            tr("%1 figures %2.csv").arg(fileSafe(m_data.boardName), m_to.toString(Qt::ISODate)), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString tickets = path;
    tickets.insert(path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive) ? path.size() - 4 : path.size(),
                   tr(" tickets"));
    // The dialog asked about the figures' file; the tickets' beside it is asked about here.
    if (QFileInfo::exists(tickets)
        && QMessageBox::question(this, tr("Replace the tickets file?"),
                                 tr("%1 exists. Replace it with this period's tickets?").arg(tickets))
                   != QMessageBox::Yes)
        return;
    if (const Status written = exportCsv(path, tickets); !written)
        QMessageBox::warning(this, tr("Figures not saved"), written.error().message);
}

} // namespace hb::board
