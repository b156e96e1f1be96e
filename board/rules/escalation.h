// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

/// The edits that escalate a ticket, the same from the card menu, the editor and helpboard-cli.
namespace hb::board::escalation {

/**
 * Escalates @p card to @p target (or hands its open escalation over to it) with the vendor's case number
 * @p reference and @p note. A ticket escalated to a vendor waits on the vendor (its resolution clock pauses, by
 * default); one handed from a vendor to the second line is the team's again (In progress).
 */
storage::CardPatch escalate(const storage::Card &card, const storage::EscalationTarget &target,
                            const QString &reference = {}, const QString &note = {});
/// Takes the escalation back: a ticket that waited on the vendor is the team's again (In progress).
storage::CardPatch takeBack(const storage::Card &card);
/// The vendor has (or, undone, has not) acknowledged the open escalation.
storage::CardPatch acknowledged(const storage::Card &card, bool on);
/// The vendor has (or has not) resolved it: a ticket that waited on them is the team's again (In progress), to check
/// and close.
storage::CardPatch vendorResolved(const storage::Card &card, bool on);
/// A target as menus and fields name it: "Dell ProSupport (vendor)", "Network team (second line)".
QString targetText(const QString &name, storage::EscalationKind kind);
/// The vendor's case number of the open escalation.
storage::CardPatch reference(const storage::Card &card, const QString &reference);

} // namespace hb::board::escalation
