// SPDX-License-Identifier: GPL-3.0-or-later
// BoardExport: the whole board written as it is read, a page of cards at a time.
#include "boardexport.h"
#include "jsonstreamwriter.h"

#include <storage/boardstore.h>

#include <QDir>
#include <QFile>
#include <QIODevice>
#include <QJsonArray>
#include <QTemporaryDir>

#include <memory>

namespace hb::storage {

Status BoardExport::writeBoard(QIODevice *out) const
{
    return m_store->readSnapshot([&]() -> Status { return streamBoard(out); });
}

Status BoardExport::writeBoardViaCopy(BoardStore &store, const QString &folder, QIODevice *out)
{
    // In a folder of its own that only this user may read (the board may be restricted), removed with all it holds.
    const QTemporaryDir scratch(QDir(folder).filePath(QStringLiteral("helpboard-export-XXXXXX")));
    const QString copyPath = scratch.filePath(QStringLiteral("board.helpboard"));
    std::unique_ptr<BoardStore> copy; // closed before the folder goes
    if (scratch.isValid() && !store.isDamaged() && store.backupTo(copyPath)) {
        StoreOptions options;
        options.login = store.login();
        options.readOnly = true;
        if (auto opened = BoardStore::open(copyPath, options)) {
            copy = std::move(opened).value();
            copy->setClock([&store] { return store.now(); }); // the board's "now" (overdue, exported at)
        }
    }
    auto exporter = prepare(copy ? *copy : store);
    if (!exporter)
        return exporter.error();
    return exporter->writeBoard(out);
}

Status BoardExport::streamBoard(QIODevice *out) const
{
    const auto failedWrite = [out] {
        return Error{ErrorKind::Io, QStringLiteral("writing the export failed: %1").arg(out->errorString())};
    };
    auto name = m_store->boardName();
    if (!name)
        return name.error();
    const auto uuid = m_store->boardUuid(); // unreadable: null, as in board()
    const QJsonValue boardUuid = uuid ? QJsonValue(uuid->toString(QUuid::WithoutBraces)) : QJsonValue();
    CardQuery everything;
    everything.includeArchived = true;
    auto ids = m_store->cardIds(everything);
    if (!ids)
        return ids.error();

    // The keys in QJsonObject's (sorted) order: the cards come before the columns that count them.
    JsonStreamWriter writer(out);
    writer.beginObject();
    writer.value(*name, QStringLiteral("board"));
    writer.value(boardUuid, QStringLiteral("board_uuid"));
    writer.beginArray(QStringLiteral("cards"));
    QHash<qint64, int> counts;
    for (qsizetype first = 0; first < ids->size(); first += s_cardsPerPage) {
        auto cards = m_store->cardsWithIds(ids->mid(first, s_cardsPerPage));
        if (!cards)
            return cards.error();
        for (const Card &card : std::as_const(*cards)) {
            if (!card.archivedAt)
                ++counts[card.columnId];
            auto details = cardDetails(card, false);
            if (!details)
                return details.error();
            writer.value(*details);
        }
        if (!writer.isOk())
            return failedWrite();
    }
    writer.end();

    auto templates = m_store->checklistTemplates();
    if (!templates)
        return templates.error();
    writer.beginArray(QStringLiteral("checklist_templates"));
    for (const ChecklistTemplate &each : std::as_const(*templates))
        writer.value(checklistTemplate(each));
    writer.end();

    auto columns = m_store->columns();
    if (!columns)
        return columns.error();
    writer.beginArray(QStringLiteral("columns"));
    for (const Column &each : std::as_const(*columns))
        writer.value(column(each, counts.value(each.id)));
    writer.end();

    auto targets = m_store->escalationTargets();
    if (!targets)
        return targets.error();
    writer.beginArray(QStringLiteral("escalation_targets"));
    for (const EscalationTarget &each : std::as_const(*targets))
        writer.value(escalationTarget(each));
    writer.end();

    writer.beginArray(QStringLiteral("events"));
    constexpr int s_eventsPerPage = 500;
    for (qint64 after = 0;;) {
        auto events = m_store->eventsSince(after, s_eventsPerPage);
        if (!events)
            return events.error();
        for (const Event &each : std::as_const(*events))
            writer.value(event(each));
        if (!writer.isOk())
            return failedWrite();
        if (events->size() < s_eventsPerPage)
            break;
        after = events->constLast().seq;
    }
    writer.end();

    writer.value(time(m_now), QStringLiteral("exported"));
    writer.value(QStringLiteral("helpboard-export"), QStringLiteral("format"));
    writer.value(1, QStringLiteral("format_version"));

    auto labels = m_store->labels();
    if (!labels)
        return labels.error();
    writer.beginArray(QStringLiteral("labels"));
    for (const Label &each : std::as_const(*labels))
        writer.value(label(each));
    writer.end();

    auto members = m_store->members();
    if (!members)
        return members.error();
    writer.beginArray(QStringLiteral("members"));
    for (const Member &each : std::as_const(*members))
        writer.value(member(each));
    writer.end();
    writer.end();
    return writer.isOk() ? Status() : Status(failedWrite());
}

} // namespace hb::storage
