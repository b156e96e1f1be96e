// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small helpers shared by the files that implement BoardStore; not part of the storage API.

#include "connection.h"

#include <storage/boardstore.h>
#include <storage/result.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace hb::storage::detail {

inline QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("hb::storage::BoardStore", text, nullptr, n);
}

/// Card ids as a JSON array, for a statement's `IN (SELECT value FROM json_each(:ids))`: one bound value however many.
inline QString idsJson(const QList<qint64> &ids)
{
    QStringList texts;
    texts.reserve(ids.size());
    for (qint64 id : ids)
        texts << QString::number(id);
    return u'[' + texts.join(u',') + u']';
}

/// NULL for "not set" (0 or empty), so optional columns stay NULL in the file.
inline QVariant nullable(qint64 value)
{
    return value ? QVariant(value) : QVariant();
}

inline QVariant nullable(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

inline QJsonValue jsonTime(qint64 value)
{
    return value ? QJsonValue(double(value)) : QJsonValue();
}

/// The {"from": ..., "to": ...} pair that change events record.
inline QJsonObject fromTo(const QJsonValue &from, const QJsonValue &to)
{
    return {{QStringLiteral("from"), from}, {QStringLiteral("to"), to}};
}

/// A card's escalation as its change events record it: null when there is none.
inline QJsonValue escalationJson(const Escalation &escalation)
{
    if (!escalation.isEscalated())
        return QJsonValue();
    return QJsonObject{{QStringLiteral("target_id"), escalation.targetId},
                       {QStringLiteral("target"), escalation.targetName},
                       {QStringLiteral("kind"), toText(escalation.targetKind)},
                       {QStringLiteral("reference"), escalation.reference},
                       {QStringLiteral("note"), escalation.note},
                       {QStringLiteral("acknowledged"), escalation.acknowledgedAt != 0},
                       {QStringLiteral("resolved"), escalation.resolvedAt != 0}};
}

/// An escalation from the columns of openEscalationsSql(), starting at column @p first.
Escalation readEscalation(const QSqlQuery &query, int first);
/// The open escalations with their targets' names and kinds (card id last), for a WHERE clause to go on with "AND".
QString openEscalationsSql();

/// An FTS5 query for @p text: every word, each as a prefix (the board's search, and the knowledge base's).
QString matchExpression(const QString &text);
/// An FTS5 query for any of the words of @p texts that say something, at most @p maxTerms of them (suggestions).
QString suggestionExpression(const QStringList &texts, int maxTerms);

/**
 * Compare-and-swap of an edit of @p changes (field -> from/to) made from @p expectedVersion on a row now at
 * @p currentVersion (@p what: "card #5"): fine when nobody changed it since, or only fields this edit leaves alone
 * (@p theirs reads those); a field both changed, or a version from the future, is a Conflict that names the fields.
 */
template<typename ReadTheirs>
Status checkMerge(const QString &what, qint64 expectedVersion, qint64 currentVersion, const QJsonObject &changes,
                  ReadTheirs theirs)
{
    if (expectedVersion < 0 || currentVersion == expectedVersion)
        return {};
    Result<QStringList> changed = theirs();
    if (!changed)
        return changed.error();
    QStringList both;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (changed->contains(it.key()))
            both << it.key();
    }
    if (both.isEmpty() && expectedVersion < currentVersion)
        return {};
    return Error{ErrorKind::Conflict,
                 tr("%1 was changed by someone else since version %2 (now version %3; they changed: %4); reload it "
                    "and try again")
                         .arg(what)
                         .arg(expectedVersion)
                         .arg(currentVersion)
                         .arg(both.isEmpty() ? changed->join(QStringLiteral(", ")) : both.join(QStringLiteral(", ")))};
}

/**
 * The fields named in the "changes" of the change events @p sql reads (their payloads, one column) whose "version" is
 * above @p version, each once: what others changed since that version (compare-and-swap's merge).
 */
inline Result<QStringList> fieldsChangedAfter(Connection &db, const QString &sql, Bindings bindings, qint64 version)
{
    QStringList fields;
    auto read = db.forEach(sql, std::move(bindings), [&](const QSqlQuery &query) {
        const QJsonObject payload = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
        if (payload.value(QStringLiteral("version")).toInteger() <= version)
            return;
        const QJsonObject changes = payload.value(QStringLiteral("changes")).toObject();
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (!fields.contains(it.key()))
                fields << it.key();
        }
    });
    if (!read)
        return read.error();
    return fields;
}

/// Long text shortened for an event payload.
inline QString excerpt(const QString &text)
{
    constexpr int s_excerptLength = 200;
    return text.size() <= s_excerptLength ? text : text.left(s_excerptLength - 1) + QChar(0x2026);
}

/**
 * A name of 1 to @p maxLength characters that no other live row has (case-insensitively). @p clashSql counts the
 * rows named :name other than :id; @p what is "column", "label", ... for the messages.
 */
inline Status checkUniqueName(Connection &db, const QString &clashSql, const QString &what, const QString &name,
                              qint64 exceptId, int maxLength)
{
    if (name.isEmpty() || name.size() > maxLength)
        return Error{ErrorKind::Invalid, tr("a %1 name has 1 to %2 characters").arg(what).arg(maxLength)};
    auto clash = db.scalar(clashSql, {{QStringLiteral(":id"), exceptId}, {QStringLiteral(":name"), name}});
    if (!clash)
        return clash.error();
    if (clash->toInt() > 0)
        return Error{ErrorKind::Invalid, tr("there is already a %1 named “%2”").arg(what, name)};
    return {};
}

constexpr int s_maxLoginLength = 64;

/// What the history records of a card made (eventkind::CardCreated): by createCard and importCards alike.
inline QJsonObject cardCreatedPayload(const QString &title, const NewCard &card, const QString &columnName,
                                      const QString &assignee)
{
    QJsonArray labelIds;
    for (qint64 labelId : card.labelIds)
        labelIds << QJsonValue(labelId);
    return {{QStringLiteral("version"), 1},
            {QStringLiteral("title"), title},
            {QStringLiteral("column_id"), card.columnId},
            {QStringLiteral("column"), columnName},
            {QStringLiteral("priority"), toText(card.priority)},
            {QStringLiteral("assignee"), assignee},
            {QStringLiteral("label_ids"), labelIds}};
}

/// What a link (a path on the share, or a web address) is called on its card: its file name, or the whole of it.
inline QString linkName(const QString &path)
{
    const QString fileName = QFileInfo(path).fileName();
    return fileName.isEmpty() ? path : fileName;
}

/// Refuses @p login (already normalized) unless it is empty or a member of the board.
inline Status checkMember(Connection &db, const QString &login)
{
    if (login.isEmpty())
        return {};
    auto found = db.scalar(QStringLiteral("SELECT count(*) FROM members WHERE login = :login AND deleted_at IS NULL"),
                           {{QStringLiteral(":login"), login}});
    if (!found)
        return found.error();
    if (found->toInt() == 0)
        return Error{ErrorKind::Invalid, tr("“%1” is not a member of this board").arg(login)};
    return {};
}

inline QString normalizedLogin(const QString &login)
{
    return login.trimmed().toLower();
}

/// Logins are compared lower-case; one rule for joining, --as, and the members an admin adds.
inline Status checkLogin(const QString &normalized, const QString &asGiven)
{
    static const QRegularExpression s_space(QStringLiteral("\\s"));
    if (normalized.isEmpty() || normalized.size() > s_maxLoginLength || normalized.contains(s_space)) {
        return Error{
                ErrorKind::Invalid,
                tr("“%1” is not a valid login (1 to %2 characters, no spaces)").arg(asGiven).arg(s_maxLoginLength)};
    }
    return {};
}

} // namespace hb::storage::detail
