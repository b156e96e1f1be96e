// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: escalation targets, and the rows behind a card's escalations (schema v5).
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QSqlQuery>

namespace hb::storage {

using namespace detail;

namespace {

constexpr const char16_t *s_targetColumns = u"SELECT id, name, kind, contact, notes, created_at, created_by, "
                                            u"updated_at, updated_by, version FROM escalation_targets ";

EscalationTarget readTarget(const QSqlQuery &query)
{
    EscalationTarget target;
    target.id = query.value(0).toLongLong();
    target.name = query.value(1).toString();
    target.kind = escalationKindFromString(query.value(2).toString()).value_or(EscalationKind::SecondLine);
    target.contact = query.value(3).toString();
    target.notes = query.value(4).toString();
    target.createdAt = query.value(5).toLongLong();
    target.createdBy = query.value(6).toString();
    target.updatedAt = query.value(7).toLongLong();
    target.updatedBy = query.value(8).toString();
    target.version = query.value(9).toLongLong();
    return target;
}

constexpr const char16_t *s_escalationColumns =
        u"SELECT e.id, e.target_id, t.name, t.kind, e.reference, e.note, e.escalated_at, e.escalated_by, "
        u"e.acknowledged_at, e.vendor_resolved_at, e.ended_at, e.ended_by, e.card_id FROM escalations e "
        u"LEFT JOIN escalation_targets t ON t.id = e.target_id ";

Result<std::optional<EscalationTarget>> findTarget(Connection &db, const QString &where, const QVariant &value)
{
    return db.row<EscalationTarget>(QString::fromUtf16(s_targetColumns) + where, {{QStringLiteral(":v"), value}},
                                    readTarget);
}

/// A target with its name, contact and notes trimmed and in bounds, and a name no other live target has.
Status checkTarget(Connection &db, EscalationTarget &target)
{
    target.name = target.name.trimmed();
    target.contact = target.contact.trimmed();
    target.notes = target.notes.trimmed();
    if (auto name =
                checkUniqueName(db,
                                QStringLiteral("SELECT count(*) FROM escalation_targets WHERE deleted_at IS NULL "
                                               "AND id != :id AND lower(name) = lower(:name)"),
                                tr("escalation target"), target.name, target.id, BoardStore::s_maxEscalationNameLength);
        !name) {
        return name;
    }
    if (auto contact =
                BoardStore::checkText(tr("contact"), target.contact, BoardStore::s_maxEscalationContactLength, false);
        !contact) {
        return contact;
    }
    return BoardStore::checkText(tr("notes"), target.notes, BoardStore::s_maxEscalationNoteLength, false);
}

QJsonObject targetPayload(const EscalationTarget &target)
{
    return {{QStringLiteral("target_id"), target.id},
            {QStringLiteral("name"), target.name},
            {QStringLiteral("kind"), toText(target.kind)},
            {QStringLiteral("contact"), target.contact},
            {QStringLiteral("notes"), target.notes}};
}

} // namespace

Escalation detail::readEscalation(const QSqlQuery &query, int first)
{
    Escalation escalation;
    escalation.id = query.value(first).toLongLong();
    escalation.targetId = query.value(first + 1).toLongLong();
    escalation.targetName = query.value(first + 2).toString();
    escalation.targetKind =
            escalationKindFromString(query.value(first + 3).toString()).value_or(EscalationKind::SecondLine);
    escalation.reference = query.value(first + 4).toString();
    escalation.note = query.value(first + 5).toString();
    escalation.at = query.value(first + 6).toLongLong();
    escalation.by = query.value(first + 7).toString();
    escalation.acknowledgedAt = query.value(first + 8).toLongLong();
    escalation.resolvedAt = query.value(first + 9).toLongLong();
    escalation.endedAt = query.value(first + 10).toLongLong();
    escalation.endedBy = query.value(first + 11).toString();
    return escalation;
}

QString detail::openEscalationsSql()
{
    return QString::fromUtf16(s_escalationColumns) + QStringLiteral("WHERE e.ended_at IS NULL");
}

Result<QList<EscalationTarget>> BoardStore::escalationTargets(bool includeRemoved)
{
    return m_db->list<EscalationTarget>(QString::fromUtf16(s_targetColumns)
                                                + QStringLiteral("WHERE (:removed OR deleted_at IS NULL) ORDER BY "
                                                                 "name COLLATE NOCASE, id"),
                                        {{QStringLiteral(":removed"), includeRemoved ? 1 : 0}}, readTarget);
}

Result<qint64> BoardStore::createEscalationTarget(const EscalationTarget &target)
{
    const OperationScope operation(*this);
    qint64 id = 0;
    auto status = change(
            Role::Admin, QStringLiteral("escalation_target.create"),
            [&]() -> Status {
                EscalationTarget made = target;
                made.id = 0;
                if (auto valid = checkTarget(*m_db, made); !valid)
                    return valid;
                auto inserted = m_db->insert(
                        QStringLiteral("INSERT INTO escalation_targets (board_id, name, kind, contact, notes, "
                                       "created_at, created_by, updated_at, updated_by) VALUES (1, :name, :kind, "
                                       ":contact, :notes, :now, :login, :now, :login)"),
                        {{QStringLiteral(":name"), made.name},
                         {QStringLiteral(":kind"), toText(made.kind)},
                         {QStringLiteral(":contact"), made.contact},
                         {QStringLiteral(":notes"), made.notes},
                         {QStringLiteral(":now"), now()},
                         {QStringLiteral(":login"), m_login}});
                if (!inserted)
                    return inserted.error();
                id = made.id = *inserted;
                return appendEvent(eventkind::EscalationTargetCreated, 0, targetPayload(made));
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Status BoardStore::updateEscalationTarget(const EscalationTarget &target, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    return change(Role::Admin, QStringLiteral("escalation_target.update"), [&]() -> Status {
        auto found = findTarget(*m_db, QStringLiteral("WHERE id = :v AND deleted_at IS NULL"), target.id);
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error{ErrorKind::NotFound, tr("there is no escalation target #%1").arg(target.id)};
        const EscalationTarget &current = **found;
        if (auto fresh = checkVersion(tr("escalation target “%1”").arg(current.name), current.version, expectedVersion);
            !fresh) {
            return fresh;
        }
        EscalationTarget changed = target;
        if (auto valid = checkTarget(*m_db, changed); !valid)
            return valid;
        auto updated = m_db->run(QStringLiteral("UPDATE escalation_targets SET name = :name, kind = :kind, "
                                                "contact = :contact, notes = :notes, updated_at = :now, "
                                                "updated_by = :login, version = version + 1 WHERE id = :id AND "
                                                "version = :version"),
                                 {{QStringLiteral(":name"), changed.name},
                                  {QStringLiteral(":kind"), toText(changed.kind)},
                                  {QStringLiteral(":contact"), changed.contact},
                                  {QStringLiteral(":notes"), changed.notes},
                                  {QStringLiteral(":now"), now()},
                                  {QStringLiteral(":login"), m_login},
                                  {QStringLiteral(":id"), changed.id},
                                  {QStringLiteral(":version"), current.version}});
        if (!updated)
            return updated.error();
        QJsonObject payload = targetPayload(changed);
        payload.insert(QStringLiteral("previous"), targetPayload(current));
        return appendEvent(eventkind::EscalationTargetUpdated, 0, payload);
    });
}

Status BoardStore::deleteEscalationTarget(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Admin, QStringLiteral("escalation_target.delete"), [&]() -> Status {
        auto found = findTarget(*m_db, QStringLiteral("WHERE id = :v AND deleted_at IS NULL"), id);
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error{ErrorKind::NotFound, tr("there is no escalation target #%1").arg(id)};
        auto open = m_db->scalar(QStringLiteral("SELECT count(*) FROM escalations e JOIN cards c ON c.id = e.card_id "
                                                "WHERE e.target_id = :id AND e.ended_at IS NULL AND c.deleted_at IS "
                                                "NULL AND c.archived_at IS NULL"),
                                 {{QStringLiteral(":id"), id}});
        if (!open)
            return open.error();
        if (const int cards = open->toInt(); cards > 0) {
            return Error{ErrorKind::Invalid,
                         tr("%n card(s) are escalated to “%1”; take them back or hand them on first", cards)
                                 .arg((*found)->name)};
        }
        const qint64 time = now();
        // Archived and deleted cards still escalated to it are done with: their escalations end now (kept), so that
        // none comes back open to a target no longer there when such a card is brought back.
        auto ended = m_db->run(
                QStringLiteral("UPDATE escalations SET ended_at = :now, ended_by = :login WHERE "
                               "target_id = :id AND ended_at IS NULL"),
                {{QStringLiteral(":now"), time}, {QStringLiteral(":login"), m_login}, {QStringLiteral(":id"), id}});
        if (!ended)
            return ended.error();
        auto cleared = m_db->run(QStringLiteral("UPDATE cards SET escalated_at = NULL, escalated_by = NULL WHERE id IN "
                                                "(SELECT card_id FROM escalations WHERE target_id = :id AND ended_at = "
                                                ":now) AND NOT EXISTS (SELECT 1 FROM escalations o WHERE o.card_id = "
                                                "cards.id AND o.ended_at IS NULL)"),
                                 {{QStringLiteral(":now"), time}, {QStringLiteral(":id"), id}});
        if (!cleared)
            return cleared.error();
        auto deleted = m_db->run(QStringLiteral("UPDATE escalation_targets SET deleted_at = :now, "
                                                "version = version + 1 WHERE id = :id"),
                                 {{QStringLiteral(":now"), time}, {QStringLiteral(":id"), id}});
        if (!deleted)
            return deleted.error();
        QJsonObject payload = targetPayload(**found);
        payload.insert(QStringLiteral("escalations_ended"), *ended);
        return appendEvent(eventkind::EscalationTargetDeleted, 0, payload);
    });
}

Status BoardStore::restoreEscalationTarget(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Admin, QStringLiteral("escalation_target.restore"), [&]() -> Status {
        auto found = findTarget(*m_db, QStringLiteral("WHERE id = :v AND deleted_at IS NOT NULL"), id);
        if (!found)
            return found.error();
        if (!found->has_value())
            return {}; // on the list already (or never was: nothing to bring back)
        EscalationTarget target = **found;
        if (auto valid = checkTarget(*m_db, target); !valid)
            return valid;
        auto restored = m_db->run(QStringLiteral("UPDATE escalation_targets SET deleted_at = NULL, "
                                                 "version = version + 1 WHERE id = :id"),
                                  {{QStringLiteral(":id"), id}});
        if (!restored)
            return restored.error();
        return appendEvent(eventkind::EscalationTargetRestored, 0, targetPayload(target));
    });
}

Result<QList<Escalation>> BoardStore::escalations(qint64 cardId)
{
    return m_db->list<Escalation>(
            QString::fromUtf16(s_escalationColumns) + QStringLiteral("WHERE e.card_id = :card ORDER BY e.id"),
            {{QStringLiteral(":card"), cardId}}, [](const QSqlQuery &query) { return readEscalation(query, 0); });
}

Result<QHash<qint64, QList<Escalation>>> BoardStore::allEscalations()
{
    QHash<qint64, QList<Escalation>> all;
    auto read = m_db->forEach(
            QString::fromUtf16(s_escalationColumns)
                    + QStringLiteral("JOIN cards c ON c.id = e.card_id AND c.deleted_at IS NULL "
                                     "ORDER BY e.id"),
            {}, [&](const QSqlQuery &query) { all[query.value(12).toLongLong()].append(readEscalation(query, 0)); });
    if (!read)
        return read.error();
    return all;
}

Result<QHash<qint64, QList<Escalation>>> BoardStore::allEscalations(const QList<qint64> &cardIds)
{
    QHash<qint64, QList<Escalation>> all;
    auto read = m_db->forEach(
            QString::fromUtf16(s_escalationColumns)
                    + QStringLiteral("JOIN cards c ON c.id = e.card_id AND c.deleted_at IS NULL "
                                     "WHERE e.card_id IN (SELECT value FROM json_each(:ids)) ORDER BY e.id"),
            {{QStringLiteral(":ids"), idsJson(cardIds)}},
            [&](const QSqlQuery &query) { all[query.value(12).toLongLong()].append(readEscalation(query, 0)); });
    if (!read)
        return read.error();
    return all;
}

Status BoardStore::checkEscalation(Escalation &wanted, qint64 openTargetId)
{
    if (!wanted.isEscalated())
        return {};
    wanted.reference = wanted.reference.trimmed();
    wanted.note = wanted.note.trimmed();
    auto found = findTarget(*m_db, QStringLiteral("WHERE id = :v"), wanted.targetId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ErrorKind::NotFound, tr("there is no escalation target #%1").arg(wanted.targetId)};
    auto removed = m_db->scalar(QStringLiteral("SELECT deleted_at IS NOT NULL FROM escalation_targets WHERE id = :id"),
                                {{QStringLiteral(":id"), wanted.targetId}});
    if (!removed)
        return removed.error();
    if (removed->toBool() && wanted.targetId != openTargetId) {
        return Error{ErrorKind::Invalid, tr("“%1” is no longer on the board's escalation targets").arg((*found)->name)};
    }
    wanted.targetName = (*found)->name;
    wanted.targetKind = (*found)->kind;
    if (auto reference = checkText(tr("case number"), wanted.reference, s_maxEscalationReferenceLength, false);
        !reference) {
        return reference;
    }
    return checkText(tr("escalation note"), wanted.note, s_maxEscalationNoteLength, false);
}

Status BoardStore::writeEscalation(qint64 cardId, const Escalation &open, const Escalation &wanted)
{
    const qint64 time = now();
    const bool sameTarget = open.isEscalated() && wanted.targetId == open.targetId;
    if (open.isEscalated() && !sameTarget) {
        auto ended = m_db->run(QStringLiteral("UPDATE escalations SET ended_at = :now, ended_by = :login "
                                              "WHERE id = :id AND ended_at IS NULL"),
                               {{QStringLiteral(":now"), time},
                                {QStringLiteral(":login"), m_login},
                                {QStringLiteral(":id"), open.id}});
        if (!ended)
            return ended.error();
    }
    if (wanted.isEscalated()) {
        qint64 row = sameTarget ? open.id : 0;
        if (!row && wanted.id) {
            // Taken back or handed on, and now undone: that escalation goes on, with its case number and times.
            auto reopened = m_db->run(QStringLiteral("UPDATE escalations SET ended_at = NULL, ended_by = NULL "
                                                     "WHERE id = :id AND card_id = :card AND target_id = :target "
                                                     "AND ended_at IS NOT NULL"),
                                      {{QStringLiteral(":id"), wanted.id},
                                       {QStringLiteral(":card"), cardId},
                                       {QStringLiteral(":target"), wanted.targetId}});
            if (!reopened)
                return reopened.error();
            if (*reopened == 1)
                row = wanted.id;
        }
        if (!row) {
            auto inserted = m_db->insert(QStringLiteral("INSERT INTO escalations (card_id, target_id, escalated_at, "
                                                        "escalated_by) VALUES (:card, :target, :now, :login)"),
                                         {{QStringLiteral(":card"), cardId},
                                          {QStringLiteral(":target"), wanted.targetId},
                                          {QStringLiteral(":now"), time},
                                          {QStringLiteral(":login"), m_login}});
            if (!inserted)
                return inserted.error();
            row = *inserted;
        }
        // Acknowledged and resolved keep their first time while they stay so.
        auto set = m_db->run(
                QStringLiteral("UPDATE escalations SET reference = :reference, note = :note, "
                               "acknowledged_at = CASE WHEN :acknowledged THEN coalesce(acknowledged_at, :now) END, "
                               "acknowledged_by = CASE WHEN :acknowledged THEN coalesce(acknowledged_by, :login) END, "
                               "vendor_resolved_at = CASE WHEN :resolved THEN coalesce(vendor_resolved_at, :now) END, "
                               "vendor_resolved_by = CASE WHEN :resolved THEN coalesce(vendor_resolved_by, :login) "
                               "END WHERE id = :id"),
                {{QStringLiteral(":reference"), wanted.reference},
                 {QStringLiteral(":note"), wanted.note},
                 {QStringLiteral(":acknowledged"), wanted.acknowledgedAt != 0 ? 1 : 0},
                 {QStringLiteral(":resolved"), wanted.resolvedAt != 0 ? 1 : 0},
                 {QStringLiteral(":now"), time},
                 {QStringLiteral(":login"), m_login},
                 {QStringLiteral(":id"), row}});
        if (!set)
            return set.error();
    }
    auto card = m_db->run(QStringLiteral("UPDATE cards SET escalated_at = (SELECT escalated_at FROM escalations "
                                         "WHERE card_id = :card AND ended_at IS NULL), escalated_by = (SELECT "
                                         "escalated_by FROM escalations WHERE card_id = :card AND ended_at IS NULL) "
                                         "WHERE id = :card"),
                          {{QStringLiteral(":card"), cardId}});
    return card ? Status() : Status(card.error());
}

} // namespace hb::storage
