// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportfiles.h"

#include <board/metrics/dataset.h>
#include <storage/boardstore.h>
#include <storage/records.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

namespace hb::board::metrics {

using namespace hb::storage;

namespace {

QJsonValue orNull(const std::optional<qint64> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue();
}

QJsonObject spreadJson(const Spread &spread)
{
    return {{QStringLiteral("count"), spread.count},
            {QStringLiteral("median"), orNull(spread.median)},
            {QStringLiteral("p90"), orNull(spread.p90)}};
}

QJsonObject shareJson(const Share &share)
{
    const auto value = share.value();
    return {{QStringLiteral("count"), share.count},
            {QStringLiteral("of"), share.of},
            {QStringLiteral("share"), value ? QJsonValue(*value) : QJsonValue()}};
}

/// One cell: quoted when it holds a separator, a quote or a line break; text a spreadsheet would take for a formula
/// (=, +, -, @, a tab or a carriage return first) is kept as text with a leading apostrophe, unless the whole cell is
/// a number ("-3").
QByteArray cell(const QString &text)
{
    QString value = text;
    bool number = false;
    QLocale::c().toDouble(value, &number);
    if (!value.isEmpty() && !number && QStringLiteral("=+-@\t\r").contains(value.front()))
        value.prepend(u'\'');
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n') || value.contains(u'\r')) {
        value.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        value = u'"' + value + u'"';
    }
    return value.toUtf8();
}

QByteArray line(const QStringList &cells)
{
    QByteArray row;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i)
            row += ',';
        row += cell(cells.at(i));
    }
    return row + "\r\n";
}

QString scalarText(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return {};
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return value.toString();
}

void flatten(const QString &metric, const QString &detail, const QJsonValue &value, QByteArray &out)
{
    const auto join = [&detail](const QString &part) { return detail.isEmpty() ? part : detail + u'.' + part; };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(metric, join(it.key()), it.value(), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            flatten(metric, join(QString::number(i)), array.at(i), out);
    } else {
        out += line({metric, detail, scalarText(value)});
    }
}

QString isoTime(qint64 at)
{
    return at ? QDateTime::fromMSecsSinceEpoch(at, QTimeZone::utc()).toString(Qt::ISODate) : QString();
}

QString minutes(const std::optional<qint64> &ms)
{
    return ms ? QString::number((*ms + 30'000) / 60'000) : QString();
}

QString yesNo(const std::optional<bool> &value)
{
    return value ? (*value ? QStringLiteral("yes") : QStringLiteral("no")) : QString();
}

} // namespace

QJsonObject reportJson(const Dataset &data, const Period &period, const Summary &summary, QDate first, QDate last,
                       int tickets, const QString &filter)
{
    const auto &labelNames = data.labelNames;
    const auto &targetNames = data.targetNames;
    const QString zoneName = QString::fromUtf8(data.timeZone);
    static const char *const s_ages[] = {"under_1_day", "1_to_3_days", "3_to_7_days", "7_to_30_days", "over_30_days"};
    static const char *const s_times[] = {"under_1_hour", "1_to_4_hours", "4_to_8_hours", "8_to_24_hours",
                                          "1_to_3_days",  "3_to_7_days",  "over_7_days"};
    const QTimeZone zone = data.zone();

    QJsonObject perChannel;
    for (auto it = summary.createdPerChannel.cbegin(); it != summary.createdPerChannel.cend(); ++it)
        perChannel.insert(it.key() == Channel::None ? QStringLiteral("none") : storage::toText(it.key()), it.value());
    QJsonObject perLabel;
    for (auto it = summary.createdPerLabel.cbegin(); it != summary.createdPerLabel.cend(); ++it)
        perLabel.insert(labelNames.value(it.key(), QString::number(it.key())), it.value());
    QJsonObject perTarget;
    for (auto it = summary.escalatedPerTarget.cbegin(); it != summary.escalatedPerTarget.cend(); ++it)
        perTarget.insert(targetNames.value(it.key(), QString::number(it.key())), it.value());
    QJsonObject perArticle;
    for (auto it = summary.solvedPerArticle.cbegin(); it != summary.solvedPerArticle.cend(); ++it)
        perArticle.insert(data.articleTitles.value(it.key(), QString::number(it.key())), it.value());
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
    return QJsonObject{
            {QStringLiteral("period"), QJsonObject{{QStringLiteral("from"), first.toString(Qt::ISODate)},
                                                   {QStringLiteral("to"), last.toString(Qt::ISODate)},
                                                   {QStringLiteral("time_zone"), zoneName}}},
            {QStringLiteral("tickets"), tickets},
            {QStringLiteral("filter"), filter.isEmpty() ? QJsonValue() : QJsonValue(filter)},
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
             data.clocksProblem.isEmpty() ? QJsonValue() : QJsonValue(data.clocksProblem)},
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
            {QStringLiteral("solved_with_article"), shareJson(summary.solvedWithArticle)},
            {QStringLiteral("solved_per_article"), perArticle},
            {QStringLiteral("resolved_within_24h"), shareJson(summary.within24h)},
            {QStringLiteral("reopen_rate"), shareJson(summary.reopened)},
    };
}

QByteArray figuresCsv(const QJsonObject &report)
{
    QByteArray out = line({QStringLiteral("metric"), QStringLiteral("detail"), QStringLiteral("value")});
    for (auto it = report.begin(); it != report.end(); ++it)
        flatten(it.key(), {}, it.value(), out);
    return out;
}

QByteArray ticketsCsv(const Dataset &data, const QList<qsizetype> &indexes, const Period &period)
{
    QByteArray out = line({QStringLiteral("id"),
                           QStringLiteral("title"),
                           QStringLiteral("channel"),
                           QStringLiteral("priority"),
                           QStringLiteral("labels"),
                           QStringLiteral("assignee"),
                           QStringLiteral("created"),
                           QStringLiteral("first_response"),
                           QStringLiteral("first_resolved"),
                           QStringLiteral("resolved"),
                           QStringLiteral("reopened"),
                           QStringLiteral("reassigned"),
                           QStringLiteral("assignee_at_resolution"),
                           QStringLiteral("escalated_to"),
                           QStringLiteral("handle_min"),
                           QStringLiteral("first_response_business_min"),
                           QStringLiteral("resolution_business_min"),
                           QStringLiteral("response_met"),
                           QStringLiteral("resolution_met"),
                           QStringLiteral("first_contact"),
                           QStringLiteral("clock_wrong"),
                           QStringLiteral("archived")});
    const qint64 end = std::min(data.now, period.to);
    for (qsizetype index : indexes) {
        const TicketRow &row = data.rows.at(index);
        const bool ofPeriod = period.contains(row.createdAt) || period.contains(row.firstResponseAt)
                              || period.contains(row.finalResolvedAt) || period.contains(row.firstResolvedAt)
                              || row.openAt(end);
        if (!ofPeriod)
            continue;
        QStringList labels;
        for (qint64 id : row.labelIds)
            labels << data.labelNames.value(id);
        QStringList targets;
        for (qint64 id : row.escalatedTo)
            targets << data.targetNames.value(id);
        out += line({QString::number(row.cardId),
                     data.cards.at(index).title,
                     row.channel == Channel::None ? QString() : toText(row.channel),
                     toText(row.priority),
                     labels.join(QStringLiteral("; ")),
                     row.assignee,
                     isoTime(row.createdAt),
                     isoTime(row.firstResponseAt),
                     isoTime(row.firstResolvedAt),
                     isoTime(row.finalResolvedAt),
                     QString::number(row.reopenCount),
                     QString::number(row.reassignments),
                     row.assigneeAtResolution,
                     targets.join(QStringLiteral("; ")),
                     minutes(row.handleMs),
                     minutes(row.businessResponseMs),
                     minutes(row.businessResolutionMs),
                     yesNo(row.responseMet),
                     yesNo(row.resolutionMet),
                     row.isResolved() ? yesNo(row.firstContact()) : QString(),
                     row.clockSkew ? QStringLiteral("yes") : QString(),
                     isoTime(row.archivedAt)});
    }
    return out;
}

Status writeCardsCsv(BoardStore &store, const Dataset &data, QIODevice *out)
{
    constexpr qsizetype s_cardsPerPage = 50;
    const auto write = [out](const QByteArray &bytes) -> Status {
        if (out->write(bytes) != bytes.size())
            return Error{ErrorKind::Io, QCoreApplication::translate("hb::board::metrics", "cannot write the CSV: %1")
                                                .arg(out->errorString())};
        return {};
    };
    QHash<qint64, qsizetype> rowOf;
    for (qsizetype i = 0; i < data.cards.size(); ++i)
        rowOf.insert(data.cards.at(i).id, i);
    auto columns = store.columns();
    if (!columns)
        return columns.error();
    QHash<qint64, QString> columnNames;
    for (const Column &column : *columns)
        columnNames.insert(column.id, column.name);
    auto ids = store.cardIds(CardQuery{0, true, false, false, 0});
    if (!ids)
        return ids.error();
    // A BOM: Excel reads the file as UTF-8 only with one.
    Status status = write(QByteArray("\xef\xbb\xbf")
                          + line({QStringLiteral("id"),
                                  QStringLiteral("title"),
                                  QStringLiteral("description"),
                                  QStringLiteral("column"),
                                  QStringLiteral("status"),
                                  QStringLiteral("priority"),
                                  QStringLiteral("assignee"),
                                  QStringLiteral("requester"),
                                  QStringLiteral("channel"),
                                  QStringLiteral("labels"),
                                  QStringLiteral("due"),
                                  QStringLiteral("overdue"),
                                  QStringLiteral("created"),
                                  QStringLiteral("created_by"),
                                  QStringLiteral("updated"),
                                  QStringLiteral("first_response"),
                                  QStringLiteral("resolved"),
                                  QStringLiteral("resolved_by"),
                                  QStringLiteral("archived"),
                                  QStringLiteral("checklist_done"),
                                  QStringLiteral("checklist_total"),
                                  QStringLiteral("comments"),
                                  QStringLiteral("attachments"),
                                  QStringLiteral("escalated_to"),
                                  QStringLiteral("escalation_case"),
                                  QStringLiteral("sla_state"),
                                  QStringLiteral("first_response_business_min"),
                                  QStringLiteral("resolution_business_min"),
                                  QStringLiteral("response_met"),
                                  QStringLiteral("resolution_met"),
                                  QStringLiteral("handle_min"),
                                  QStringLiteral("reopened"),
                                  QStringLiteral("first_contact"),
                                  QStringLiteral("version")}));
    for (qsizetype start = 0; status && start < ids->size(); start += s_cardsPerPage) {
        auto cards = store.cardsWithIds(ids->mid(start, s_cardsPerPage));
        if (!cards)
            return cards.error();
        QByteArray page;
        for (const Card &card : *cards) {
            QStringList labels;
            for (qint64 id : card.labelIds)
                labels << data.labelNames.value(id);
            const qsizetype index = rowOf.value(card.id, -1);
            const TicketRow row = index >= 0 ? data.rows.at(index) : TicketRow{};
            const bool known = index >= 0;
            page += line({QString::number(card.id),
                          card.title,
                          card.description,
                          columnNames.value(card.columnId),
                          card.status == StatusTag::None ? QString() : toText(card.status),
                          toText(card.priority),
                          card.assignee,
                          card.requester,
                          card.channel == Channel::None ? QString() : toText(card.channel),
                          labels.join(QStringLiteral("; ")),
                          isoTime(card.dueAt),
                          card.isOverdue(data.now) ? QStringLiteral("yes") : QString(),
                          isoTime(card.createdAt),
                          card.createdBy,
                          isoTime(card.updatedAt),
                          isoTime(card.firstResponseAt),
                          isoTime(card.resolvedAt),
                          card.resolvedBy,
                          isoTime(card.archivedAt),
                          QString::number(card.checklistDone),
                          QString::number(card.checklistTotal),
                          QString::number(card.commentCount),
                          QString::number(card.attachmentCount),
                          card.escalation.isEscalated() ? card.escalation.targetName : QString(),
                          card.escalation.reference,
                          data.slaStates.value(card.id),
                          minutes(row.businessResponseMs),
                          minutes(row.businessResolutionMs),
                          yesNo(row.responseMet),
                          yesNo(row.resolutionMet),
                          known ? minutes(row.handleMs) : QString(),
                          known ? QString::number(row.reopenCount) : QString(),
                          known && row.isResolved() ? yesNo(row.firstContact()) : QString(),
                          QString::number(card.version)});
        }
        status = write(page);
    }
    return status;
}

} // namespace hb::board::metrics
