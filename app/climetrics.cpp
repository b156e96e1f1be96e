// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli report: the help-desk metrics of docs/metrics.md for a period (the wall-clock figures so far).
#include "cli.h"
#include "cli_p.h"
#include "cliarguments.h"
#include "cliinput.h"
#include "terminaltext.h"

#include <board/metrics/dataset.h>
#include <board/metrics/text.h>
#include <board/rules/cardfields.h>
#include <storage/boardstore.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

namespace hb::app {

using namespace hb::storage;
using namespace detail;
using board::metrics::durationText;
using board::metrics::percentText;
using board::metrics::shareText;

namespace {

QJsonValue orNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue();
}

QJsonObject spreadJson(const board::metrics::Spread &spread)
{
    return {{QStringLiteral("count"), spread.count},
            {QStringLiteral("median"), orNull(spread.median)},
            {QStringLiteral("p90"), orNull(spread.p90)}};
}

QJsonObject shareJson(const board::metrics::Share &share)
{
    const auto value = share.value();
    return {{QStringLiteral("count"), share.count},
            {QStringLiteral("of"), share.of},
            {QStringLiteral("share"), value ? QJsonValue(*value) : QJsonValue()}};
}

} // namespace

int Cli::cmdReport(CliArguments &args)
{
    namespace metrics = board::metrics;
    const bool json = args.flag(QStringLiteral("--json"));
    const auto fromText = args.value(QStringLiteral("--from"));
    const auto toText = args.value(QStringLiteral("--to"));
    if (!args.positional(0, 0))
        return usageError(args.error());
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
    const metrics::Period period = data->period(first, last);
    const metrics::Summary summary = metrics::summarize(data->rows, period, data->now);
    const auto &labelNames = data->labelNames;
    const auto &targetNames = data->targetNames;
    static const char *const s_ages[] = {"under_1_day", "1_to_3_days", "3_to_7_days", "7_to_30_days", "over_30_days"};
    static const char *const s_times[] = {"under_1_hour", "1_to_4_hours", "4_to_8_hours", "8_to_24_hours",
                                          "1_to_3_days",  "3_to_7_days",  "over_7_days"};
    const QTimeZone zone = data->zone();

    if (json) {
        QJsonObject perChannel;
        for (auto it = summary.createdPerChannel.cbegin(); it != summary.createdPerChannel.cend(); ++it)
            perChannel.insert(it.key() == Channel::None ? QStringLiteral("none") : storage::toText(it.key()),
                              it.value());
        QJsonObject perLabel;
        for (auto it = summary.createdPerLabel.cbegin(); it != summary.createdPerLabel.cend(); ++it)
            perLabel.insert(labelNames.value(it.key(), QString::number(it.key())), it.value());
        QJsonObject perTarget;
        for (auto it = summary.escalatedPerTarget.cbegin(); it != summary.escalatedPerTarget.cend(); ++it)
            perTarget.insert(targetNames.value(it.key(), QString::number(it.key())), it.value());
        QJsonObject ages;
        for (int i = 0; i < metrics::s_ageBins; ++i)
            ages.insert(QLatin1String(s_ages[i]), summary.backlogByAge.at(i));
        QJsonObject times;
        for (int i = 0; i < metrics::s_resolutionBins; ++i)
            times.insert(QLatin1String(s_times[i]), summary.resolutionByTime.at(i));
        QJsonArray starts;
        for (qint64 start : period.buckets)
            starts << QDateTime::fromMSecsSinceEpoch(start, zone).date().toString(Qt::ISODate);
        const auto counts = [](const QList<int> &values) {
            QJsonArray array;
            for (int value : values)
                array << value;
            return array;
        };
        QJsonObject attainment;
        for (auto it = summary.attainment.cbegin(); it != summary.attainment.cend(); ++it) {
            attainment.insert(storage::toText(it.key()),
                              QJsonObject{{QStringLiteral("resolution"), shareJson(it->resolution)},
                                          {QStringLiteral("response"), shareJson(it->response)}});
        }
        QJsonArray technicians;
        for (auto it = summary.technicians.cbegin(); it != summary.technicians.cend(); ++it) {
            technicians << QJsonObject{{QStringLiteral("assignee"), it.key().isEmpty() ? QJsonValue() : it.key()},
                                       {QStringLiteral("open"), it->open},
                                       {QStringLiteral("resolved"), it->resolved},
                                       {QStringLiteral("resolution_ms"), spreadJson(it->resolution)}};
        }
        printJson(QJsonObject{
                {QStringLiteral("period"), QJsonObject{{QStringLiteral("from"), first.toString(Qt::ISODate)},
                                                       {QStringLiteral("to"), last.toString(Qt::ISODate)},
                                                       {QStringLiteral("time_zone"), zoneName}}},
                {QStringLiteral("tickets"), int(data->rows.size())},
                {QStringLiteral("left_out"), summary.leftOut},
                {QStringLiteral("created"), summary.created},
                {QStringLiteral("created_per_channel"), perChannel},
                {QStringLiteral("created_per_label"), perLabel},
                {QStringLiteral("resolved"), summary.resolved},
                {QStringLiteral("resolution_rate"),
                 summary.resolutionRate ? QJsonValue(*summary.resolutionRate) : QJsonValue()},
                {QStringLiteral("backlog"), summary.backlog},
                {QStringLiteral("backlog_by_age"), ages},
                {QStringLiteral("overdue"), summary.overdue},
                {QStringLiteral("unassigned"), summary.unassigned},
                {QStringLiteral("sla_breached"), summary.breached},
                {QStringLiteral("series"),
                 QJsonObject{{QStringLiteral("step"),
                              period.buckets.size() > 1 && period.buckets.at(1) - period.buckets.at(0) > 2 * 86'400'000
                                      ? QStringLiteral("week")
                                      : QStringLiteral("day")},
                             {QStringLiteral("starts"), starts},
                             {QStringLiteral("created"), counts(summary.createdPerBucket)},
                             {QStringLiteral("resolved"), counts(summary.resolvedPerBucket)}}},
                {QStringLiteral("clocks_problem"),
                 data->clocksProblem.isEmpty() ? QJsonValue() : QJsonValue(data->clocksProblem)},
                {QStringLiteral("first_response_ms"), spreadJson(summary.response)},
                {QStringLiteral("resolution_ms"), spreadJson(summary.resolution)},
                {QStringLiteral("first_response_business_ms"), spreadJson(summary.businessResponse)},
                {QStringLiteral("resolution_business_ms"), spreadJson(summary.businessResolution)},
                {QStringLiteral("resolution_time_distribution"), times},
                {QStringLiteral("response_rate"), shareJson(summary.responseRate)},
                {QStringLiteral("sla_attainment"), attainment},
                {QStringLiteral("technicians"), technicians},
                {QStringLiteral("handle_ms"), spreadJson(summary.handle)},
                {QStringLiteral("first_contact_resolution"), shareJson(summary.firstContact)},
                {QStringLiteral("first_level_resolution"), shareJson(summary.firstLevel)},
                {QStringLiteral("escalation_rate"), shareJson(summary.escalated)},
                {QStringLiteral("escalated_per_target"), perTarget},
                {QStringLiteral("resolved_within_24h"), shareJson(summary.within24h)},
                {QStringLiteral("reopen_rate"), shareJson(summary.reopened)},
        });
        return Ok;
    }
    const auto line = [this](const QString &label, const QString &value) {
        m_out << pad(label, 28) << terminalText(value) << Qt::endl;
    };
    line(tr("Period"), tr("%1 to %2 (%3)").arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate), zoneName));
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
