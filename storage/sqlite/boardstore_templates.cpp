// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: checklist templates, and filling a card's checklist from one.
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace hb::storage {

using namespace detail;

namespace {

constexpr const char16_t *s_templateColumns = u"SELECT id, name, items, created_at, created_by, updated_at, "
                                              u"updated_by, version FROM checklist_templates ";

ChecklistTemplate readTemplate(const QSqlQuery &query)
{
    ChecklistTemplate result;
    result.id = query.value(0).toLongLong();
    result.name = query.value(1).toString();
    for (const QJsonValue &item : QJsonDocument::fromJson(query.value(2).toString().toUtf8()).array())
        result.items << item.toString();
    result.createdAt = query.value(3).toLongLong();
    result.createdBy = query.value(4).toString();
    result.updatedAt = query.value(5).toLongLong();
    result.updatedBy = query.value(6).toString();
    result.version = query.value(7).toLongLong();
    return result;
}

QString itemsJson(const QStringList &items)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}

/// The items people gave, trimmed and without empty lines; refused when there are none, too many, or too long.
Result<QStringList> cleanItems(const QStringList &items)
{
    QStringList cleaned;
    for (const QString &item : items) {
        const QString trimmed = item.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (auto valid =
                    BoardStore::checkText(tr("checklist item"), trimmed, BoardStore::s_maxChecklistTextLength, true);
            !valid) {
            return valid.error();
        }
        cleaned << trimmed;
    }
    if (cleaned.isEmpty())
        return Error{ErrorKind::Invalid, tr("a checklist template needs at least one item")};
    if (cleaned.size() > BoardStore::s_maxTemplateItems) {
        return Error{ErrorKind::Invalid, tr("a checklist template has at most %1 items (this one has %2)")
                                                 .arg(BoardStore::s_maxTemplateItems)
                                                 .arg(cleaned.size())};
    }
    return cleaned;
}

/// A name of 1 to s_maxTemplateNameLength characters no other live template has (case-insensitively).
Status checkTemplateName(Connection &db, const QString &name, qint64 exceptId)
{
    return checkUniqueName(db,
                           QStringLiteral("SELECT count(*) FROM checklist_templates WHERE deleted_at IS NULL "
                                          "AND id != :id AND lower(name) = lower(:name)"),
                           tr("checklist template"), name, exceptId, BoardStore::s_maxTemplateNameLength);
}

Result<std::optional<ChecklistTemplate>> findTemplate(Connection &db, const QString &where, const QVariant &value)
{
    return db.row<ChecklistTemplate>(QString::fromUtf16(s_templateColumns) + where, {{QStringLiteral(":v"), value}},
                                     readTemplate);
}

} // namespace

Result<QList<ChecklistTemplate>> BoardStore::checklistTemplates()
{
    return m_db->list<ChecklistTemplate>(QString::fromUtf16(s_templateColumns)
                                                 + QStringLiteral("WHERE deleted_at IS NULL ORDER BY name COLLATE "
                                                                  "NOCASE, id"),
                                         {}, readTemplate);
}

Result<qint64> BoardStore::createChecklistTemplate(const QString &name, const QStringList &items)
{
    const OperationScope operation(*this);
    const QString trimmed = name.trimmed();
    auto cleaned = cleanItems(items);
    if (!cleaned)
        return cleaned.error();
    qint64 id = 0;
    auto status = change(
            Role::Editor, QStringLiteral("template.create"),
            [&]() -> Status {
                // Never a silent replacement of someone else's template that has this name.
                if (auto valid = checkTemplateName(*m_db, trimmed, 0); !valid)
                    return valid;
                const qint64 time = now();
                auto inserted = m_db->insert(
                        QStringLiteral("INSERT INTO checklist_templates (board_id, name, items, created_at, "
                                       "created_by, updated_at, updated_by) VALUES (1, :name, :items, :now, :login, "
                                       ":now, :login)"),
                        {{QStringLiteral(":name"), trimmed},
                         {QStringLiteral(":items"), itemsJson(*cleaned)},
                         {QStringLiteral(":now"), time},
                         {QStringLiteral(":login"), m_login}});
                if (!inserted)
                    return inserted.error();
                id = *inserted;
                return appendEvent(eventkind::TemplateCreated, 0,
                                   {{QStringLiteral("template_id"), id},
                                    {QStringLiteral("name"), trimmed},
                                    {QStringLiteral("items"), QJsonArray::fromStringList(*cleaned)}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Status BoardStore::replaceChecklistTemplateItems(qint64 id, const QStringList &items, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    auto cleaned = cleanItems(items);
    if (!cleaned)
        return cleaned.error();
    return change(Role::Editor, QStringLiteral("template.replace"), [&]() -> Status {
        auto found = findTemplate(*m_db, QStringLiteral("WHERE id = :v AND deleted_at IS NULL"), id);
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error{ErrorKind::NotFound, tr("there is no checklist template #%1").arg(id)};
        const ChecklistTemplate &current = **found;
        if (auto fresh =
                    checkVersion(tr("checklist template “%1”").arg(current.name), current.version, expectedVersion);
            !fresh) {
            return fresh;
        }
        auto updated = m_db->run(QStringLiteral("UPDATE checklist_templates SET items = :items, updated_at = :now, "
                                                "updated_by = :login, version = version + 1 WHERE id = :id "
                                                "AND version = :version"),
                                 {{QStringLiteral(":items"), itemsJson(*cleaned)},
                                  {QStringLiteral(":now"), now()},
                                  {QStringLiteral(":login"), m_login},
                                  {QStringLiteral(":id"), id},
                                  {QStringLiteral(":version"), current.version}});
        if (!updated)
            return updated.error();
        return appendEvent(eventkind::TemplateUpdated, 0,
                           {{QStringLiteral("template_id"), id},
                            {QStringLiteral("name"), current.name},
                            {QStringLiteral("items"),
                             fromTo(QJsonArray::fromStringList(current.items), QJsonArray::fromStringList(*cleaned))}});
    });
}

Status BoardStore::deleteChecklistTemplate(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("template.delete"), [&]() -> Status {
        auto found = findTemplate(*m_db, QStringLiteral("WHERE id = :v AND deleted_at IS NULL"), id);
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error{ErrorKind::NotFound, tr("there is no checklist template #%1").arg(id)};
        auto deleted = m_db->run(QStringLiteral("UPDATE checklist_templates SET deleted_at = :now, "
                                                "version = version + 1 WHERE id = :id"),
                                 {{QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!deleted)
            return deleted.error();
        return appendEvent(eventkind::TemplateDeleted, 0,
                           {{QStringLiteral("template_id"), id}, {QStringLiteral("name"), (*found)->name}});
    });
}

Status BoardStore::restoreChecklistTemplate(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("template.restore"), [&]() -> Status {
        auto found = findTemplate(*m_db, QStringLiteral("WHERE id = :v"), id);
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error{ErrorKind::NotFound, tr("there is no checklist template #%1").arg(id)};
        auto deleted = m_db->scalar(QStringLiteral("SELECT deleted_at IS NOT NULL FROM checklist_templates "
                                                   "WHERE id = :id"),
                                    {{QStringLiteral(":id"), id}});
        if (!deleted)
            return deleted.error();
        if (!deleted->toBool())
            return {};
        if (auto valid = checkTemplateName(*m_db, (*found)->name, id); !valid)
            return valid;
        auto restored = m_db->run(QStringLiteral("UPDATE checklist_templates SET deleted_at = NULL, "
                                                 "version = version + 1 WHERE id = :id"),
                                  {{QStringLiteral(":id"), id}});
        if (!restored)
            return restored.error();
        return appendEvent(eventkind::TemplateRestored, 0,
                           {{QStringLiteral("template_id"), id}, {QStringLiteral("name"), (*found)->name}});
    });
}

Result<QList<qint64>> BoardStore::applyChecklistTemplate(qint64 cardId, qint64 templateId)
{
    const OperationScope operation(*this);
    QList<qint64> ids;
    qint64 count = 0;
    auto status = change(
            Role::Editor, QStringLiteral("template.apply"),
            [&]() -> Status {
                ids.clear();
                auto card = loadCard(cardId, false);
                if (!card)
                    return card.error();
                auto found = findTemplate(*m_db, QStringLiteral("WHERE id = :v AND deleted_at IS NULL"), templateId);
                if (!found)
                    return found.error();
                if (!found->has_value())
                    return Error{ErrorKind::NotFound, tr("there is no checklist template #%1").arg(templateId)};
                const qint64 time = now();
                for (const QString &text : std::as_const((*found)->items)) {
                    auto rank = rankFor(Siblings::Checklist, cardId, 0, {});
                    if (!rank)
                        return rank.error();
                    auto inserted =
                            m_db->insert(QStringLiteral("INSERT INTO checklist_items (card_id, text, rank, created_at, "
                                                        "created_by) VALUES (:card, :text, :rank, :now, :login)"),
                                         {{QStringLiteral(":card"), cardId},
                                          {QStringLiteral(":text"), text},
                                          {QStringLiteral(":rank"), *rank},
                                          {QStringLiteral(":now"), time},
                                          {QStringLiteral(":login"), m_login}});
                    if (!inserted)
                        return inserted.error();
                    ids << *inserted;
                }
                count = ids.size();
                QJsonArray itemIds;
                for (qint64 id : std::as_const(ids))
                    itemIds << double(id);
                return cardChanged(CardIndex::Refresh, eventkind::ChecklistTemplateApplied, cardId,
                                   {{QStringLiteral("template_id"), templateId},
                                    {QStringLiteral("template"), (*found)->name},
                                    {QStringLiteral("item_ids"), itemIds},
                                    {QStringLiteral("count"), double(count)}});
            },
            &count);
    if (!status)
        return status.error();
    if (ids.isEmpty() && count > 0) {
        // Applied before under this operation id (a retried call): the items it added, from its event.
        auto payload = m_db->scalar(QStringLiteral("SELECT payload FROM events WHERE op_id = :op "
                                                   "AND kind = 'checklist.template_applied'"),
                                    {{QStringLiteral(":op"), m_currentOpId}});
        if (!payload)
            return payload.error();
        const QJsonArray itemIds = QJsonDocument::fromJson(payload->toString().toUtf8())
                                           .object()
                                           .value(QStringLiteral("item_ids"))
                                           .toArray();
        for (const QJsonValue &id : itemIds)
            ids << qint64(id.toDouble());
    }
    return ids;
}

} // namespace hb::storage
