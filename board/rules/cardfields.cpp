// SPDX-License-Identifier: GPL-3.0-or-later
#include "cardfields.h"

#include <QDateTime>
#include <QLocale>

#include <type_traits>

namespace hb::board {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::CardFields", text);
}

} // namespace

QString priorityText(storage::Priority priority)
{
    switch (priority) {
    case storage::Priority::Critical:
        return tr("Critical");
    case storage::Priority::High:
        return tr("High");
    case storage::Priority::Normal:
        return tr("Normal");
    case storage::Priority::Low:
        break;
    }
    return tr("Low");
}

QString statusText(storage::StatusTag status)
{
    switch (status) {
    case storage::StatusTag::None:
        return tr("None");
    case storage::StatusTag::InProgress:
        return tr("In progress");
    case storage::StatusTag::NeedsReview:
        return tr("Needs review");
    case storage::StatusTag::WaitingRequester:
        return tr("Waiting on requester");
    case storage::StatusTag::WaitingVendor:
        return tr("Waiting on vendor");
    case storage::StatusTag::Blocked:
        break;
    }
    return tr("Blocked");
}

QString channelText(storage::Channel channel)
{
    switch (channel) {
    case storage::Channel::None:
        return tr("Not recorded");
    case storage::Channel::Email:
        return tr("Email");
    case storage::Channel::Phone:
        return tr("Phone");
    case storage::Channel::Chat:
        return tr("Chat");
    case storage::Channel::WalkIn:
        return tr("Walk-in");
    case storage::Channel::Portal:
        return tr("Portal");
    case storage::Channel::Monitoring:
        break;
    }
    return tr("Monitoring");
}

QString escalationText(const storage::Escalation &escalation)
{
    if (!escalation.isEscalated())
        return tr("Not escalated");
    QStringList parts{escalation.targetName};
    if (!escalation.reference.isEmpty())
        parts << tr("case %1").arg(escalation.reference);
    if (escalation.resolvedAt)
        parts << tr("resolved");
    else if (escalation.acknowledgedAt)
        parts << tr("acknowledged");
    return parts.join(QStringLiteral(", "));
}

storage::CardPatch valuesOf(const storage::Card &card, const storage::CardPatch &patch)
{
    storage::CardPatch values;
    forEachCardField([&](auto patchField, auto cardField, const QString &) {
        if (patch.*patchField)
            values.*patchField = card.*cardField;
    });
    return values;
}

QStringList differences(const storage::Card &card, const storage::CardPatch &patch)
{
    QStringList names;
    forEachCardField([&](auto patchField, auto cardField, const QString &name) {
        if (patch.*patchField && *(patch.*patchField) != card.*cardField)
            names << name;
    });
    return names;
}

storage::CardPatch without(storage::CardPatch patch, const storage::CardPatch &fields)
{
    forEachCardField([&](auto patchField, auto, const QString &) {
        if (fields.*patchField)
            (patch.*patchField).reset();
    });
    return patch;
}

void apply(storage::Card &card, const storage::CardPatch &patch)
{
    forEachCardField([&](auto patchField, auto cardField, const QString &) {
        if (patch.*patchField)
            card.*cardField = *(patch.*patchField);
    });
}

CardMerge merge(const storage::Card &current, const storage::CardPatch &from, const storage::CardPatch &to)
{
    CardMerge merged;
    merged.conflict.cardId = current.id;
    merged.conflict.cardTitle = current.title;
    merged.conflict.changedBy = current.updatedBy;
    merged.conflict.changedAt = current.updatedAt;
    forEachCardField([&](auto patchField, auto cardField, const QString &name) {
        const auto &wanted = to.*patchField;
        if (!wanted || *wanted == current.*cardField)
            return; // not changed here, or both set the same
        const auto &before = from.*patchField;
        if (!before || *before == current.*cardField) {
            merged.save.*patchField = wanted;
            return;
        }
        merged.conflict.theirs.*patchField = current.*cardField;
        merged.conflict.mine.*patchField = wanted;
        merged.conflicting << name;
    });
    return merged;
}

QList<ConflictField> conflictFields(const CardConflict &conflict,
                                    const std::function<QString(const QString &login)> &memberName)
{
    QList<ConflictField> fields;
    forEachCardField([&](auto patchField, auto, const QString &name) {
        const auto &theirs = conflict.theirs.*patchField;
        const auto &mine = conflict.mine.*patchField;
        if (!theirs || !mine)
            return;
        const auto text = [&](const auto &value) -> QString {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, storage::Priority>) {
                return priorityText(value);
            } else if constexpr (std::is_same_v<T, storage::StatusTag>) {
                return statusText(value);
            } else if constexpr (std::is_same_v<T, storage::Channel>) {
                return channelText(value);
            } else if constexpr (std::is_same_v<T, storage::Escalation>) {
                return escalationText(value);
            } else if constexpr (std::is_same_v<T, bool>) {
                return value ? tr("Yes") : tr("No");
            } else if constexpr (std::is_same_v<T, qint64>) {
                return value ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(value), QLocale::ShortFormat)
                             : tr("No due date");
            } else {
                if (patchField == &storage::CardPatch::assignee)
                    return value.isEmpty() ? tr("Unassigned") : memberName(value);
                return value;
            }
        };
        ConflictField field{name, text(*theirs), text(*mine)};
        if constexpr (std::is_same_v<std::decay_t<decltype(*theirs)>, QString>) {
            if (patchField != &storage::CardPatch::assignee)
                field.text = patchField;
            field.multiline = patchField == &storage::CardPatch::description;
        }
        fields << field;
    });
    return fields;
}

} // namespace hb::board
