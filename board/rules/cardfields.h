// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

namespace hb::board {

/// The name people read for a priority, a status and a channel (as the card editor offers them).
QString priorityText(storage::Priority priority);
QString statusText(storage::StatusTag status);
QString channelText(storage::Channel channel);
/// A card's escalation in a few words: "Dell ProSupport, case SR 1029, acknowledged", or "Not escalated".
QString escalationText(const storage::Escalation &escalation);

/// Every priority, most urgent first, in the order the editor, the card menu, the filters and the policy list them.
inline constexpr storage::Priority s_priorityOrder[] = {storage::Priority::Critical, storage::Priority::High,
                                                        storage::Priority::Normal, storage::Priority::Low};
/// Every status, in the order the editor, the card menu and the filters offer them.
inline constexpr storage::StatusTag s_statusOrder[] = {
        storage::StatusTag::None,    storage::StatusTag::InProgress,       storage::StatusTag::NeedsReview,
        storage::StatusTag::Blocked, storage::StatusTag::WaitingRequester, storage::StatusTag::WaitingVendor};
/// The statuses of a ticket that waits on someone outside the team (More filters > Waiting; they pause by default).
inline constexpr storage::StatusTag s_waitingStatuses[] = {storage::StatusTag::WaitingRequester,
                                                           storage::StatusTag::WaitingVendor};

/// Calls @p field(patch member, card member, name for people) for every field a person edits on a card.
template<typename Field>
void forEachCardField(Field &&field)
{
    const auto name = [](const char *text) { return QCoreApplication::translate("hb::board::CardFields", text); };
    field(&storage::CardPatch::title, &storage::Card::title, name("title"));
    field(&storage::CardPatch::description, &storage::Card::description, name("description"));
    field(&storage::CardPatch::priority, &storage::Card::priority, name("priority"));
    field(&storage::CardPatch::status, &storage::Card::status, name("status"));
    field(&storage::CardPatch::assignee, &storage::Card::assignee, name("assignee"));
    field(&storage::CardPatch::requester, &storage::Card::requester, name("requester"));
    field(&storage::CardPatch::channel, &storage::Card::channel, name("channel"));
    field(&storage::CardPatch::dueAt, &storage::Card::dueAt, name("due date"));
    field(&storage::CardPatch::escalation, &storage::Card::escalation, name("escalation"));
    field(&storage::CardPatch::firstContact, &storage::Card::firstContact, name("resolved at first contact"));
}

/// The fields @p patch sets, with the values @p card has.
storage::CardPatch valuesOf(const storage::Card &card, const storage::CardPatch &patch);
/// The names of the fields @p patch sets to something else than @p card has.
QStringList differences(const storage::Card &card, const storage::CardPatch &patch);
/// @p patch without the fields @p fields sets.
storage::CardPatch without(storage::CardPatch patch, const storage::CardPatch &fields);

/// Sets on @p card the fields @p patch sets.
void apply(storage::Card &card, const storage::CardPatch &patch);

/// Two people changed the same fields of a card: what the file has, and what this user wanted.
struct CardConflict
{
    qint64 cardId = 0;
    QString cardTitle;         ///< as the file has it now
    storage::CardPatch theirs; ///< each field both changed, as the file has it
    storage::CardPatch mine;   ///< the same fields, as this user set them
    QString changedBy;         ///< login of whoever changed the card last
    qint64 changedAt = 0;
};

/// A change from @p from to @p to, set against the card as the file has it now (@p current).
struct CardMerge
{
    storage::CardPatch save; ///< fields only this user changed: saved as they are
    CardConflict conflict;   ///< fields someone else changed to something else meanwhile
    QStringList conflicting; ///< their names, for people; empty when nothing conflicts
};
CardMerge merge(const storage::Card &current, const storage::CardPatch &from, const storage::CardPatch &to);

/// One field of a conflict, as text to show.
struct ConflictField
{
    QString name;
    QString theirs;
    QString mine;
    /// The patch member of a free-text field (title, description, requester), which the user may edit; else null.
    std::optional<QString> storage::CardPatch::*text = nullptr;
    bool multiline = false;
};
/// The fields of @p conflict; @p memberName turns a login into the name shown for it.
QList<ConflictField> conflictFields(const CardConflict &conflict,
                                    const std::function<QString(const QString &login)> &memberName);

} // namespace hb::board
