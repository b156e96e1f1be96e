// SPDX-License-Identifier: GPL-3.0-or-later
#include "records.h"

#include "nametable.h"

namespace hb::storage {

namespace {

constexpr NameTable<ColumnKind, 3> s_columnKinds{{
        {ColumnKind::Todo, u"todo"},
        {ColumnKind::Doing, u"doing"},
        {ColumnKind::Done, u"done"},
}};
constexpr NameTable<Priority, 4> s_priorities{{
        {Priority::Critical, u"critical"},
        {Priority::High, u"high"},
        {Priority::Normal, u"normal"},
        {Priority::Low, u"low"},
}};
constexpr NameTable<StatusTag, 6> s_statuses{{
        {StatusTag::None, u""},
        {StatusTag::InProgress, u"in-progress"},
        {StatusTag::NeedsReview, u"needs-review"},
        {StatusTag::Blocked, u"blocked"},
        {StatusTag::WaitingRequester, u"waiting-requester"},
        {StatusTag::WaitingVendor, u"waiting-vendor"},
}};
constexpr NameTable<Channel, 7> s_channels{{
        {Channel::None, u""},
        {Channel::Email, u"email"},
        {Channel::Phone, u"phone"},
        {Channel::Chat, u"chat"},
        {Channel::WalkIn, u"walk-in"},
        {Channel::Portal, u"portal"},
        {Channel::Monitoring, u"monitoring"},
}};
constexpr NameTable<Role, 3> s_roles{{
        {Role::Viewer, u"viewer"},
        {Role::Editor, u"editor"},
        {Role::Admin, u"admin"},
}};
constexpr NameTable<AttachmentKind, 2> s_attachmentKinds{{
        {AttachmentKind::File, u"file"},
        {AttachmentKind::Link, u"link"},
}};
constexpr NameTable<AttachmentState, 3> s_attachmentStates{{
        {AttachmentState::Uploading, u"uploading"},
        {AttachmentState::Ready, u"ready"},
        {AttachmentState::Deleted, u"deleted"},
}};
constexpr NameTable<EscalationKind, 2> s_escalationKinds{{
        {EscalationKind::SecondLine, u"second-line"},
        {EscalationKind::Vendor, u"vendor"},
}};

} // namespace

QString toText(ColumnKind kind)
{
    return nameOf(s_columnKinds, kind);
}
QString toText(Priority priority)
{
    return nameOf(s_priorities, priority);
}
QString toText(StatusTag status)
{
    return nameOf(s_statuses, status);
}
QString toText(Channel channel)
{
    return nameOf(s_channels, channel);
}
QString toText(Role role)
{
    return nameOf(s_roles, role);
}
QString toText(AttachmentKind kind)
{
    return nameOf(s_attachmentKinds, kind);
}
QString toText(AttachmentState state)
{
    return nameOf(s_attachmentStates, state);
}
QString toText(EscalationKind kind)
{
    return nameOf(s_escalationKinds, kind);
}

std::optional<ColumnKind> columnKindFromString(const QString &text)
{
    return valueOf(s_columnKinds, text);
}
std::optional<Priority> priorityFromString(const QString &text)
{
    return valueOf(s_priorities, text);
}
std::optional<Channel> channelFromString(const QString &text)
{
    return valueOf(s_channels, text);
}
std::optional<Role> roleFromString(const QString &text)
{
    return valueOf(s_roles, text);
}
std::optional<EscalationKind> escalationKindFromString(const QString &text)
{
    return valueOf(s_escalationKinds, text);
}

bool Escalation::operator==(const Escalation &other) const
{
    return targetId == other.targetId && reference == other.reference && note == other.note
           && (acknowledgedAt != 0) == (other.acknowledgedAt != 0) && (resolvedAt != 0) == (other.resolvedAt != 0);
}

std::optional<StatusTag> statusFromString(const QString &text)
{
    if (text == u"none")
        return StatusTag::None;
    return valueOf(s_statuses, text);
}

bool CardPatch::isEmpty() const
{
    return !title && !description && !priority && !status && !assignee && !requester && !channel && !dueAt
           && !escalation && !firstContact;
}

} // namespace hb::storage
