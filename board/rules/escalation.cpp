// SPDX-License-Identifier: GPL-3.0-or-later
#include "escalation.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace hb::board::escalation {

namespace {

/// Back to the team: a ticket no longer waits on the vendor.
void backToTeam(const storage::Card &card, storage::CardPatch &patch)
{
    if (card.status == storage::StatusTag::WaitingVendor)
        patch.status = storage::StatusTag::InProgress;
}

/// A time that stays as it was, or now (what the file will say once saved).
qint64 stamp(qint64 time)
{
    return time ? time : QDateTime::currentMSecsSinceEpoch();
}

} // namespace

storage::CardPatch escalate(const storage::Card &card, const storage::EscalationTarget &target,
                            const QString &reference, const QString &note)
{
    storage::CardPatch patch;
    storage::Escalation escalation;
    if (card.escalation.targetId == target.id)
        escalation = card.escalation; // the same target: only the case number and note change
    escalation.targetId = target.id;
    escalation.targetName = target.name;
    escalation.targetKind = target.kind;
    escalation.reference = reference.trimmed();
    escalation.note = note.trimmed();
    patch.escalation = escalation;
    if (target.kind == storage::EscalationKind::Vendor)
        patch.status = storage::StatusTag::WaitingVendor;
    else
        backToTeam(card, patch);
    return patch;
}

storage::CardPatch takeBack(const storage::Card &card)
{
    storage::CardPatch patch;
    patch.escalation = storage::Escalation{};
    backToTeam(card, patch);
    return patch;
}

storage::CardPatch acknowledged(const storage::Card &card, bool on)
{
    storage::CardPatch patch;
    patch.escalation = card.escalation;
    patch.escalation->acknowledgedAt = on ? stamp(card.escalation.acknowledgedAt) : 0;
    return patch;
}

storage::CardPatch vendorResolved(const storage::Card &card, bool on)
{
    storage::CardPatch patch;
    patch.escalation = card.escalation;
    patch.escalation->resolvedAt = on ? stamp(card.escalation.resolvedAt) : 0;
    if (on)
        backToTeam(card, patch);
    return patch;
}

QString targetText(const QString &name, storage::EscalationKind kind)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("hb::board::Escalation", text); };
    return tr("%1 (%2)").arg(name, kind == storage::EscalationKind::Vendor ? tr("vendor") : tr("second line"));
}

storage::CardPatch reference(const storage::Card &card, const QString &reference)
{
    storage::CardPatch patch;
    patch.escalation = card.escalation;
    patch.escalation->reference = reference.trimmed();
    return patch;
}

} // namespace hb::board::escalation
