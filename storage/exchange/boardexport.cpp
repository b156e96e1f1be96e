// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardexport.h"

#include <storage/boardstore.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace hb::storage {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QJsonValue BoardExport::escalationObject(const Escalation &escalation)
{
    if (!escalation.isEscalated())
        return QJsonValue();
    return QJsonObject{{QStringLiteral("to"), escalation.targetName},
                       {QStringLiteral("kind"), toText(escalation.targetKind)},
                       {QStringLiteral("reference"), orNull(escalation.reference)},
                       {QStringLiteral("note"), orNull(escalation.note)},
                       {QStringLiteral("escalated"), time(escalation.at)},
                       {QStringLiteral("escalated_by"), escalation.by},
                       {QStringLiteral("acknowledged"), time(escalation.acknowledgedAt)},
                       {QStringLiteral("resolved"), time(escalation.resolvedAt)},
                       {QStringLiteral("ended"), time(escalation.endedAt)},
                       {QStringLiteral("ended_by"), orNull(escalation.endedBy)}};
}

QJsonObject BoardExport::escalationTarget(const EscalationTarget &target)
{
    return {{QStringLiteral("id"), target.id},
            {QStringLiteral("name"), target.name},
            {QStringLiteral("kind"), toText(target.kind)},
            {QStringLiteral("contact"), orNull(target.contact)},
            {QStringLiteral("notes"), orNull(target.notes)},
            {QStringLiteral("version"), target.version}};
}

Result<BoardExport> BoardExport::prepare(BoardStore &store)
{
    BoardExport exporter(store);
    exporter.m_now = store.now();
    auto columns = store.columns();
    if (!columns)
        return columns.error();
    for (const Column &column : *columns)
        exporter.m_columnNames.insert(column.id, column.name);
    auto labels = store.labels();
    if (!labels)
        return labels.error();
    for (const Label &label : *labels)
        exporter.m_labelNames.insert(label.id, label.name);
    return exporter;
}

QJsonValue BoardExport::time(qint64 msecs)
{
    if (!msecs)
        return QJsonValue();
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject BoardExport::column(const Column &column, int cardCount) const
{
    return {{QStringLiteral("id"), column.id},
            {QStringLiteral("name"), column.name},
            {QStringLiteral("kind"), toText(column.kind)},
            {QStringLiteral("wip_limit"), column.wipLimit},
            {QStringLiteral("card_count"), cardCount},
            {QStringLiteral("version"), column.version}};
}

QJsonObject BoardExport::label(const Label &label) const
{
    return {{QStringLiteral("id"), label.id},
            {QStringLiteral("name"), label.name},
            {QStringLiteral("color"), label.color}};
}

QJsonObject BoardExport::attachment(const Attachment &attachment)
{
    return {{QStringLiteral("id"), attachment.id},
            {QStringLiteral("kind"), toText(attachment.kind)},
            {QStringLiteral("name"), attachment.name},
            {QStringLiteral("size"), attachment.size},
            {QStringLiteral("sha256"), orNull(QString::fromLatin1(attachment.sha256))},
            {QStringLiteral("mime_type"), orNull(attachment.mimeType)},
            {QStringLiteral("link"), orNull(attachment.linkPath)},
            {QStringLiteral("created"), time(attachment.createdAt)},
            {QStringLiteral("created_by"), attachment.createdBy}};
}

QJsonObject BoardExport::article(const Article &article) const
{
    QJsonArray labels;
    for (qint64 id : article.labelIds)
        labels << m_labelNames.value(id);
    return {{QStringLiteral("id"), article.id},
            {QStringLiteral("title"), article.title},
            {QStringLiteral("body"), article.body},
            {QStringLiteral("labels"), labels},
            {QStringLiteral("template_id"), article.templateId ? QJsonValue(article.templateId) : QJsonValue()},
            {QStringLiteral("created_at"), time(article.createdAt)},
            {QStringLiteral("created_by"), article.createdBy},
            {QStringLiteral("updated_at"), time(article.updatedAt)},
            {QStringLiteral("updated_by"), article.updatedBy},
            {QStringLiteral("deleted_at"), time(article.deletedAt)},
            {QStringLiteral("version"), article.version},
            {QStringLiteral("linked_tickets"), article.linkedCards},
            {QStringLiteral("resolved_tickets"), article.resolvedCards}};
}

QJsonObject BoardExport::member(const Member &member) const
{
    return {{QStringLiteral("login"), member.login},
            {QStringLiteral("name"), orNull(member.displayName)},
            {QStringLiteral("role"), toText(member.role)}};
}

QJsonObject BoardExport::card(const Card &card) const
{
    QJsonArray labels;
    for (qint64 id : card.labelIds)
        labels << m_labelNames.value(id);
    return {{QStringLiteral("id"), card.id},
            {QStringLiteral("version"), card.version},
            {QStringLiteral("column_id"), card.columnId},
            {QStringLiteral("column"), m_columnNames.value(card.columnId)},
            {QStringLiteral("title"), card.title},
            {QStringLiteral("description"), card.description},
            {QStringLiteral("priority"), toText(card.priority)},
            {QStringLiteral("status"), orNull(toText(card.status))},
            {QStringLiteral("assignee"), orNull(card.assignee)},
            {QStringLiteral("requester"), orNull(card.requester)},
            {QStringLiteral("channel"), orNull(toText(card.channel))},
            {QStringLiteral("labels"), labels},
            {QStringLiteral("due"), time(card.dueAt)},
            {QStringLiteral("overdue"), card.isOverdue(m_now)},
            {QStringLiteral("created"), time(card.createdAt)},
            {QStringLiteral("created_by"), card.createdBy},
            {QStringLiteral("updated"), time(card.updatedAt)},
            {QStringLiteral("updated_by"), card.updatedBy},
            {QStringLiteral("started"), time(card.startedAt)},
            {QStringLiteral("first_response"), time(card.firstResponseAt)},
            {QStringLiteral("resolved"), time(card.resolvedAt)},
            {QStringLiteral("first_contact"), card.firstContact},
            {QStringLiteral("escalated"), time(card.escalation.at)},
            {QStringLiteral("escalation"), escalationObject(card.escalation)},
            {QStringLiteral("archived"), time(card.archivedAt)},
            {QStringLiteral("checklist_done"), card.checklistDone},
            {QStringLiteral("checklist_total"), card.checklistTotal},
            {QStringLiteral("comment_count"), card.commentCount},
            {QStringLiteral("attachment_count"), card.attachmentCount}};
}

Result<QJsonObject> BoardExport::cardDetails(const Card &card, bool withHistory) const
{
    QJsonObject result = this->card(card);
    auto items = m_store->checklist(card.id);
    if (!items)
        return items.error();
    QJsonArray checklist;
    int position = 0;
    for (const ChecklistItem &item : *items) {
        checklist << QJsonObject{{QStringLiteral("id"), item.id},
                                 {QStringLiteral("position"), ++position},
                                 {QStringLiteral("text"), item.text},
                                 {QStringLiteral("done"), item.done},
                                 {QStringLiteral("done_at"), time(item.doneAt)},
                                 {QStringLiteral("done_by"), orNull(item.doneBy)}};
    }
    result.insert(QStringLiteral("checklist"), checklist);

    auto comments = m_store->comments(card.id);
    if (!comments)
        return comments.error();
    QJsonArray commentArray;
    for (const Comment &comment : *comments) {
        commentArray << QJsonObject{{QStringLiteral("id"), comment.id},
                                    {QStringLiteral("author"), comment.author},
                                    {QStringLiteral("text"), comment.body},
                                    {QStringLiteral("created"), time(comment.createdAt)},
                                    {QStringLiteral("edited"), time(comment.editedAt)}};
    }
    result.insert(QStringLiteral("comments"), commentArray);

    auto attachments = m_store->attachments(card.id);
    if (!attachments)
        return attachments.error();
    QJsonArray attachmentArray;
    for (const Attachment &attachment : *attachments)
        attachmentArray << BoardExport::attachment(attachment);
    result.insert(QStringLiteral("attachments"), attachmentArray);

    // Every escalation it had, ended ones too: to whom, the case numbers and the vendor's answers.
    auto escalations = m_store->escalations(card.id);
    if (!escalations)
        return escalations.error();
    QJsonArray escalationArray;
    for (const Escalation &escalation : *escalations)
        escalationArray << escalationObject(escalation);
    result.insert(QStringLiteral("escalations"), escalationArray);

    if (withHistory) {
        auto history = m_store->cardHistory(card.id);
        if (!history)
            return history.error();
        QJsonArray events;
        for (const Event &event : *history)
            events << this->event(event);
        result.insert(QStringLiteral("history"), events);
    }
    return result;
}

QJsonObject BoardExport::checklistTemplate(const ChecklistTemplate &checklistTemplate)
{
    return {{QStringLiteral("id"), checklistTemplate.id},
            {QStringLiteral("name"), checklistTemplate.name},
            {QStringLiteral("items"), QJsonArray::fromStringList(checklistTemplate.items)},
            {QStringLiteral("version"), checklistTemplate.version},
            {QStringLiteral("created"), time(checklistTemplate.createdAt)},
            {QStringLiteral("created_by"), checklistTemplate.createdBy},
            {QStringLiteral("updated"), time(checklistTemplate.updatedAt)},
            {QStringLiteral("updated_by"), checklistTemplate.updatedBy}};
}

QJsonObject BoardExport::event(const Event &event) const
{
    return {{QStringLiteral("seq"), event.seq},
            {QStringLiteral("at"), time(event.at)},
            {QStringLiteral("actor"), event.actor},
            {QStringLiteral("card_id"), event.cardId ? QJsonValue(event.cardId) : QJsonValue()},
            {QStringLiteral("kind"), event.kind},
            {QStringLiteral("details"), QJsonDocument::fromJson(event.payload).object()}};
}

Result<QJsonObject> BoardExport::board() const
{
    // One snapshot: a colleague's save during the export lands wholly before or wholly after it.
    Result<QJsonObject> result = Error{ErrorKind::Io, QString()};
    const Status read = m_store->readSnapshot([&]() -> Status {
        result = readBoard();
        return result ? Status() : Status(result.error());
    });
    if (!read)
        return read.error();
    return result;
}

Result<QJsonObject> BoardExport::readBoard() const
{
    auto name = m_store->boardName();
    if (!name)
        return name.error();
    const auto uuid = m_store->boardUuid(); // unreadable: null in the export, which still goes
    const QJsonValue boardUuid = uuid ? QJsonValue(uuid->toString(QUuid::WithoutBraces)) : QJsonValue();
    auto members = m_store->members();
    if (!members)
        return members.error();
    auto columns = m_store->columns();
    if (!columns)
        return columns.error();
    auto labels = m_store->labels();
    if (!labels)
        return labels.error();
    auto templates = m_store->checklistTemplates();
    if (!templates)
        return templates.error();
    auto targets = m_store->escalationTargets();
    if (!targets)
        return targets.error();
    CardQuery everything;
    everything.includeArchived = true;
    auto cards = m_store->cards(everything);
    if (!cards)
        return cards.error();
    auto events = m_store->eventsSince(0, std::numeric_limits<int>::max());
    if (!events)
        return events.error();

    QHash<qint64, int> counts;
    QJsonArray cardArray;
    for (const Card &card : *cards) {
        if (!card.archivedAt)
            ++counts[card.columnId];
        auto details = cardDetails(card, false);
        if (!details)
            return details.error();
        cardArray << *details;
    }
    QJsonArray memberArray;
    for (const Member &member : *members)
        memberArray << this->member(member);
    QJsonArray columnArray;
    for (const Column &column : *columns)
        columnArray << this->column(column, counts.value(column.id));
    QJsonArray labelArray;
    for (const Label &label : *labels)
        labelArray << this->label(label);
    QJsonArray templateArray;
    for (const ChecklistTemplate &each : *templates)
        templateArray << checklistTemplate(each);
    QJsonArray targetArray;
    for (const EscalationTarget &each : *targets)
        targetArray << escalationTarget(each);
    QJsonArray eventArray;
    for (const Event &event : *events)
        eventArray << this->event(event);
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("helpboard-export")},
                       {QStringLiteral("format_version"), 1},
                       {QStringLiteral("exported"), time(m_now)},
                       {QStringLiteral("board"), *name},
                       {QStringLiteral("board_uuid"), boardUuid},
                       {QStringLiteral("members"), memberArray},
                       {QStringLiteral("columns"), columnArray},
                       {QStringLiteral("labels"), labelArray},
                       {QStringLiteral("checklist_templates"), templateArray},
                       {QStringLiteral("escalation_targets"), targetArray},
                       {QStringLiteral("cards"), cardArray},
                       {QStringLiteral("events"), eventArray}};
}

} // namespace hb::storage
