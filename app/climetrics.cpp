// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli report: the help-desk metrics of docs/metrics.md for a period (the wall-clock figures so far).
#include "cli.h"
#include "cli_p.h"
#include "cliarguments.h"
#include "cliinput.h"
#include "terminaltext.h"

#include <board/metrics/report.h>
#include <board/sla/levels.h>
#include <storage/boardstore.h>
#include <storage/exchange/boardexport.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

namespace hb::app {

using namespace hb::storage;
using namespace detail;

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

/// "1h 20m" for people; "no data" without a value.
QString durationText(const std::optional<qint64> &ms)
{
    if (!ms)
        return tr("no data");
    const qint64 minutes = (*ms + 30'000) / 60'000;
    if (minutes < 60)
        return tr("%1m").arg(minutes);
    if (minutes < 48 * 60)
        return minutes % 60 ? tr("%1h %2m").arg(minutes / 60).arg(minutes % 60) : tr("%1h").arg(minutes / 60);
    return tr("%1d %2h").arg(minutes / (24 * 60)).arg(minutes / 60 % 24);
}

QString shareText(const board::metrics::Share &share)
{
    const auto value = share.value();
    return value ? tr("%1% (%2 of %3)").arg(qRound(*value * 1000) / 10.0).arg(share.count).arg(share.of)
                 : tr("no data");
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
    // Days are the desk's (Board > Service Levels), so that every desktop reports the same period.
    auto levels = m_store->serviceLevels();
    if (!levels)
        return fail(levels.error());
    const auto calendar = board::sla::calendarFromJson(levels->calendar);
    const QTimeZone zone(calendar ? calendar->timeZone : QByteArrayLiteral("UTC"));
    const QTimeZone deskZone = zone.isValid() ? zone : QTimeZone::utc();
    const qint64 now = m_store->now();
    const QDate today = QDateTime::fromMSecsSinceEpoch(now, deskZone).date();
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
    if (first > last) {
        return fail(
                {ErrorKind::Invalid, toText ? tr("--from %1 comes after --to %2")
                                                      .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate))
                                            : tr("--from %1 comes after today (%2 in the desk's time zone)")
                                                      .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate))});
    }
    // (a day's start, even where the clocks skip midnight)
    const metrics::Period period{first.startOfDay(deskZone).toMSecsSinceEpoch(),
                                 last.addDays(1).startOfDay(deskZone).toMSecsSinceEpoch()};

    // Every ticket, archived ones too, read in one snapshot: three queries, whatever the board's size.
    QList<Card> cards;
    QHash<qint64, QList<Event>> histories;
    QHash<qint64, QList<Escalation>> escalations;
    QHash<qint64, ColumnKind> kinds;
    QList<Label> labels;
    QList<EscalationTarget> targets;
    const Status read = m_store->readSnapshot([&]() -> Status {
        CardQuery all;
        all.includeArchived = true;
        // Each read into its place, the first failure the snapshot's.
        const auto into = [](auto &target, auto result) -> Status {
            if (!result)
                return result.error();
            target = std::move(*result);
            return {};
        };
        for (const Status &each : {into(cards, m_store->cards(all)), into(histories, m_store->metricHistories()),
                                   into(escalations, m_store->allEscalations()), into(kinds, m_store->columnKinds()),
                                   into(labels, m_store->labels()), into(targets, m_store->escalationTargets(true))}) {
            if (!each)
                return each;
        }
        return {};
    });
    if (!read)
        return fail(read.error());
    const auto kindOf = [&kinds](qint64 column) -> std::optional<ColumnKind> {
        const auto found = kinds.constFind(column);
        return found == kinds.cend() ? std::nullopt : std::optional(*found);
    };
    QList<metrics::TicketRow> rows;
    rows.reserve(cards.size());
    for (const Card &card : std::as_const(cards))
        rows << metrics::ticketRow(card, histories.value(card.id), escalations.value(card.id), kindOf, now);
    const metrics::Summary summary = metrics::summarize(rows, period, now);

    QHash<qint64, QString> labelNames;
    for (const Label &label : std::as_const(labels))
        labelNames.insert(label.id, label.name);
    QHash<qint64, QString> targetNames;
    for (const EscalationTarget &target : std::as_const(targets))
        targetNames.insert(target.id, target.name);
    static const char *const s_ages[] = {"under_1_day", "1_to_3_days", "3_to_7_days", "7_to_30_days", "over_30_days"};

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
        for (int i = 0; i < 5; ++i)
            ages.insert(QLatin1String(s_ages[i]), summary.backlogByAge.at(i));
        printJson(QJsonObject{
                {QStringLiteral("period"),
                 QJsonObject{{QStringLiteral("from"), first.toString(Qt::ISODate)},
                             {QStringLiteral("to"), last.toString(Qt::ISODate)},
                             {QStringLiteral("time_zone"), QString::fromUtf8(deskZone.id())}}},
                {QStringLiteral("tickets"), int(rows.size())},
                {QStringLiteral("left_out"), summary.leftOut},
                {QStringLiteral("created"), summary.created},
                {QStringLiteral("created_per_channel"), perChannel},
                {QStringLiteral("created_per_label"), perLabel},
                {QStringLiteral("resolved"), summary.resolved},
                {QStringLiteral("resolution_rate"),
                 summary.resolutionRate ? QJsonValue(*summary.resolutionRate) : QJsonValue()},
                {QStringLiteral("backlog"), summary.backlog},
                {QStringLiteral("backlog_by_age"), ages},
                {QStringLiteral("first_response_ms"), spreadJson(summary.response)},
                {QStringLiteral("resolution_ms"), spreadJson(summary.resolution)},
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
    line(tr("Period"),
         tr("%1 to %2 (%3)")
                 .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate), QString::fromUtf8(deskZone.id())));
    line(tr("Created"), QString::number(summary.created));
    line(tr("Resolved"), QString::number(summary.resolved));
    line(tr("Resolution rate"),
         summary.resolutionRate ? tr("%1%").arg(qRound(*summary.resolutionRate * 1000) / 10.0) : tr("no data"));
    line(tr("Backlog at the end"), QString::number(summary.backlog));
    line(tr("First response, median"), durationText(summary.response.median));
    line(tr("First response, 90%"), durationText(summary.response.p90));
    line(tr("Resolution, median"), durationText(summary.resolution.median));
    line(tr("Resolution, 90%"), durationText(summary.resolution.p90));
    line(tr("Handle time, median"), durationText(summary.handle.median));
    line(tr("Handle time, 90%"), durationText(summary.handle.p90));
    line(tr("First-contact resolution"), shareText(summary.firstContact));
    line(tr("First-level resolution"), shareText(summary.firstLevel));
    line(tr("Escalation rate"), shareText(summary.escalated));
    line(tr("Resolved within 24 h"), shareText(summary.within24h));
    line(tr("Reopen rate"), shareText(summary.reopened));
    if (summary.leftOut)
        m_err << tr("%n ticket(s) of the period left out of the times: answered or resolved before they were created "
                    "(a clock was wrong)",
                    summary.leftOut)
              << Qt::endl;
    return Ok;
}

} // namespace hb::app
