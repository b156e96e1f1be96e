// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A ticket's row as the app reads it (board::metrics::TicketRow) and as the metrics_tickets view gives it, in the same
// words, so that a test can compare the two; and a script's plain SQL on a board file. For tst_metricviews and
// tst_metrics.

#include <board/metrics/ticketrow.h>
#include <storage/records.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QUuid>
#include <QVariantMap>

namespace hb::tests {

using namespace Qt::StringLiterals;
using board::metrics::TicketRow;

/// Every row of @p sql on the file at @p path, by column name, through a connection of its own (as a script has).
inline QList<QVariantMap> select(const QString &path, const QString &sql, QString *error)
{
    QList<QVariantMap> rows;
    const QString name = u"script-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql))
                *error = sql + u": "_s + query.lastError().text();
            while (query.next()) {
                QVariantMap row;
                const QSqlRecord record = query.record();
                for (int i = 0; i < record.count(); ++i)
                    row.insert(record.fieldName(i), record.value(i));
                rows << row;
            }
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

/// A value as the comparisons write it: NULL as "-", true and false as 1 and 0.
inline QString text(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return u"-"_s;
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? u"1"_s : u"0"_s;
    return value.toString();
}

template<typename T>
inline QString text(const std::optional<T> &value)
{
    return value ? text(QVariant::fromValue(*value)) : u"-"_s;
}

inline QString orNone(qint64 at)
{
    return at ? QString::number(at) : u"-"_s;
}

/// The names of @p ids, sorted, as a JSON array of the view would hold them once sorted.
inline QString namesOf(const QList<qint64> &ids, const QHash<qint64, QString> &names)
{
    QStringList list;
    for (qint64 id : ids)
        list << names.value(id);
    list.sort(Qt::CaseInsensitive);
    return list.join(u'|');
}

inline QString sortedJson(const QVariant &array)
{
    QStringList list;
    for (const QJsonValue &each : QJsonDocument::fromJson(array.toString().toUtf8()).array())
        list << each.toString();
    list.sort(Qt::CaseInsensitive);
    return list.join(u'|');
}

/// The app's row of a ticket, in the words of metrics_tickets.
inline QStringList appRow(const TicketRow &row, const QHash<qint64, QString> &labelNames,
                          const QHash<qint64, QString> &targetNames, qint64 now)
{
    const bool resolved = row.isResolved();
    return {u"created_at="_s + QString::number(row.createdAt), u"channel="_s + storage::toText(row.channel),
            u"priority="_s + storage::toText(row.priority), u"labels="_s + namesOf(row.labelIds, labelNames),
            u"first_response_at="_s + orNone(row.firstResponseAt),
            u"first_resolved_at="_s + orNone(row.firstResolvedAt),
            u"final_resolved_at="_s + orNone(row.finalResolvedAt),
            u"resolved_by="_s + (resolved ? row.resolvedBy : u"-"_s),
            u"reopen_count="_s + QString::number(row.reopenCount),
            u"reassignments="_s + QString::number(row.reassignments),
            u"assignee_at_resolution="_s + (resolved ? row.assigneeAtResolution : u"-"_s),
            u"escalated="_s + (row.wasEscalated() ? u"1"_s : u"0"_s),
            u"escalated_to="_s + namesOf(row.escalatedTo, targetNames),
            // (a stay in Doing still going counts up to each reader's own now)
            u"handle_ms="_s + (resolved ? QString::number(row.handleMs) : u"open"_s),
            u"clock_skew="_s + (row.clockSkew ? u"1"_s : u"0"_s), u"response_ms="_s + text(row.responseMs()),
            u"resolution_ms="_s + text(row.resolutionMs()),
            u"within_24h="_s
                    + (resolved && !row.clockSkew
                               ? (row.firstResolvedAt - row.createdAt <= 86'400'000 ? u"1"_s : u"0"_s)
                               : u"-"_s),
            u"first_contact="_s + (resolved ? (row.firstContact() ? u"1"_s : u"0"_s) : u"-"_s),
            u"first_level="_s + (resolved ? (row.wasEscalated() ? u"0"_s : u"1"_s) : u"-"_s),
            u"open="_s + (row.openAt(now) ? u"1"_s : u"0"_s)};
}

/// The view's row of a ticket, in the same words.
inline QStringList sqlRow(const QVariantMap &row)
{
    const bool resolved = !row.value(u"final_resolved_at"_s).isNull();
    QStringList words;
    for (const QString &column : {u"created_at"_s,
                                  u"channel"_s,
                                  u"priority"_s,
                                  u"labels"_s,
                                  u"first_response_at"_s,
                                  u"first_resolved_at"_s,
                                  u"final_resolved_at"_s,
                                  u"resolved_by"_s,
                                  u"reopen_count"_s,
                                  u"reassignments"_s,
                                  u"assignee_at_resolution"_s,
                                  u"escalated"_s,
                                  u"escalated_to"_s,
                                  u"handle_ms"_s,
                                  u"clock_skew"_s,
                                  u"response_ms"_s,
                                  u"resolution_ms"_s,
                                  u"within_24h"_s,
                                  u"first_contact"_s,
                                  u"first_level"_s,
                                  u"open"_s}) {
        const QVariant value = row.value(column);
        QString shown = text(value);
        if (column == u"labels" || column == u"escalated_to")
            shown = sortedJson(value);
        else if (column == u"handle_ms" && !resolved)
            shown = u"open"_s;
        words << column + u'=' + shown;
    }
    return words;
}

} // namespace hb::tests
