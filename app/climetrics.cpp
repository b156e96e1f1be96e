// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli report: the help-desk metrics of docs/metrics.md for a period, for people, as JSON or as CSV.
#include "cli.h"
#include "cli_p.h"
#include "cliarguments.h"
#include "cliinput.h"
#include "terminaltext.h"

#include <board/metrics/dataset.h>
#include <board/metrics/reportfiles.h>
#include <board/metrics/text.h>
#include <board/rules/cardfields.h>
#include <board/rules/cardfilter.h>
#include <storage/boardstore.h>

#include <QJsonObject>

#include <numeric>

namespace hb::app {

using namespace hb::storage;
using namespace detail;
using board::metrics::durationText;
using board::metrics::percentText;
using board::metrics::shareText;

int Cli::cmdReport(CliArguments &args)
{
    namespace metrics = board::metrics;
    const bool json = args.flag(QStringLiteral("--json"));
    const bool csv = args.flag(QStringLiteral("--csv"));
    const bool tickets = args.flag(QStringLiteral("--tickets"));
    const auto fromText = args.value(QStringLiteral("--from"));
    const auto toText = args.value(QStringLiteral("--to"));
    const TicketOptions ticketOptions = readTicketOptions(args);
    if (!args.positional(0, 0))
        return usageError(args.error());
    if (json && csv)
        return usageError(tr("--json and --csv exclude each other"));
    if (tickets && !csv)
        return usageError(tr("--tickets goes with --csv (one line per ticket)"));
    board::CardFilter filter;
    if (const Status applied = applyTicketOptions(ticketOptions, filter); !applied)
        return fail(applied.error());
    auto data = metrics::readDataset(*m_store, m_store->now());
    if (!data)
        return fail(data.error());
    const QDate today = data->today();
    QDate last = today;
    if (toText) {
        auto day = cliinput::parseDay(QStringLiteral("--to"), *toText);
        if (!day)
            return fail(day.error());
        last = *day;
    }
    QDate first = last.addDays(-29);
    if (fromText) {
        auto day = cliinput::parseDay(QStringLiteral("--from"), *fromText);
        if (!day)
            return fail(day.error());
        first = *day;
    }
    const QString zoneName = QString::fromUtf8(data->timeZone);
    if (first > last) {
        return fail({ErrorKind::Invalid,
                     toText ? tr("--from %1 comes after --to %2")
                                      .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate))
                            : tr("--from %1 comes after today (%2 in the desk's time zone, %3)")
                                      .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate), zoneName)});
    }
    // The tickets the options choose, as the dashboard's filter chooses them: at the read's "now".
    const board::CardFilter::Context context{data->now, m_store->login(),
                                             [&data](qint64 id) { return data->slaStates.value(id); }};
    QList<qsizetype> chosen;
    QList<metrics::TicketRow> rows;
    if (filter.isEmpty()) {
        rows = data->rows; // (shared, not copied)
        chosen.resize(rows.size());
        std::iota(chosen.begin(), chosen.end(), 0);
    } else {
        for (qsizetype i = 0; i < data->rows.size(); ++i) {
            if (filter.matches(data->cards.at(i), context)) {
                chosen << i;
                rows << data->rows.at(i);
            }
        }
    }
    const QString filterText = ticketOptions.text();
    const metrics::Period period = data->period(first, last);
    const metrics::Summary summary = metrics::summarize(rows, period, data->now);
    if (csv || json) {
        const QJsonObject report =
                metrics::reportJson(*data, period, summary, first, last, int(rows.size()), filterText);
        if (!csv) {
            printJson(report);
            return Ok;
        }
        const QByteArray text = tickets ? metrics::ticketsCsv(*data, chosen, period) : metrics::figuresCsv(report);
        m_out << QString::fromUtf8(text);
        m_out.flush();
        return Ok;
    }
    const auto line = [this](const QString &label, const QString &value) {
        m_out << pad(label, 28) << terminalText(value) << Qt::endl;
    };
    line(tr("Period"), tr("%1 to %2 (%3)").arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate), zoneName));
    if (!filterText.isEmpty())
        line(tr("Tickets"), tr("%1 of %2 (%3)").arg(rows.size()).arg(data->rows.size()).arg(filterText));
    line(tr("Created"), QString::number(summary.created));
    line(tr("Resolved"), QString::number(summary.resolved));
    line(tr("Resolution rate"), percentText(summary.resolutionRate));
    line(tr("Backlog at the end"), QString::number(summary.backlog));
    line(tr("  overdue"), QString::number(summary.overdue));
    line(tr("  unassigned"), QString::number(summary.unassigned));
    line(tr("  SLA breached"), QString::number(summary.breached));
    line(tr("First response, median"), durationText(summary.response.median));
    line(tr("First response, 90%"), durationText(summary.response.p90));
    line(tr("  in business time"),
         tr("%1, 90%: %2")
                 .arg(durationText(summary.businessResponse.median), durationText(summary.businessResponse.p90)));
    line(tr("Response rate"), shareText(summary.responseRate));
    line(tr("Resolution, median"), durationText(summary.resolution.median));
    line(tr("Resolution, 90%"), durationText(summary.resolution.p90));
    line(tr("  in business time"),
         tr("%1, 90%: %2")
                 .arg(durationText(summary.businessResolution.median), durationText(summary.businessResolution.p90)));
    line(tr("Handle time, median"), durationText(summary.handle.median));
    line(tr("Handle time, 90%"), durationText(summary.handle.p90));
    line(tr("First-contact resolution"), shareText(summary.firstContact));
    line(tr("First-level resolution"), shareText(summary.firstLevel));
    line(tr("Escalation rate"), shareText(summary.escalated));
    line(tr("Resolved within 24 h"), shareText(summary.within24h));
    line(tr("Reopen rate"), shareText(summary.reopened));
    for (auto it = summary.attainment.cbegin(); it != summary.attainment.cend(); ++it)
        line(tr("SLA met, %1").arg(board::priorityText(it.key())), shareText(it->resolution));
    if (!summary.technicians.isEmpty()) {
        m_out << Qt::endl
              << pad(tr("Technician"), 28) << pad(tr("Open"), 6) << pad(tr("Resolved"), 10) << tr("Median resolution")
              << Qt::endl;
        for (auto it = summary.technicians.cbegin(); it != summary.technicians.cend(); ++it) {
            m_out << pad(terminalText(metrics::technicianText(it.key())), 28) << pad(QString::number(it->open), 6)
                  << pad(QString::number(it->resolved), 10) << durationText(it->resolution.median) << Qt::endl;
        }
    }
    if (!data->clocksProblem.isEmpty())
        m_err << tr("No business times or SLA results: %1").arg(data->clocksProblem) << Qt::endl;
    if (summary.leftOut)
        m_err << tr("%n ticket(s) of the period left out of the times: answered or resolved before they were created "
                    "(a clock was wrong)",
                    summary.leftOut)
              << Qt::endl;
    return Ok;
}

} // namespace hb::app
