// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli: escalating tickets to a second line or a vendor, and the board's list of whom to.
#include "cli.h"
#include "cli_p.h"
#include "cliarguments.h"
#include "terminaltext.h"

#include <board/rules/escalation.h>
#include <storage/boardstore.h>
#include <storage/exchange/boardexport.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

namespace hb::app {

using namespace hb::storage;
using namespace detail;

bool Cli::isRetry()
{
    return !m_opId.isEmpty() && m_store->isOperationApplied(QUuid(m_opId));
}

Result<EscalationTarget> Cli::resolveTarget(const QString &name)
{
    auto targets = m_store->escalationTargets();
    if (!targets)
        return targets.error();
    for (const EscalationTarget &target : *targets) {
        if (target.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return target;
    }
    QStringList names;
    for (const EscalationTarget &target : *targets)
        names << target.name;
    return Error{ErrorKind::NotFound,
                 names.isEmpty() ? tr("there is no escalation target “%1” (the board has none yet: an admin adds them "
                                      "with targets --add)")
                                           .arg(name)
                                 : tr("there is no escalation target “%1” (there are: %2)")
                                           .arg(name, names.join(QStringLiteral(", ")))};
}

int Cli::cmdEscalate(CliArguments &args)
{
    const auto to = args.value(QStringLiteral("--to"));
    const auto reference = args.value(QStringLiteral("--reference"));
    const auto note = args.value(QStringLiteral("--note"));
    const bool takeBack = args.flag(QStringLiteral("--take-back"));
    const bool acknowledged = args.flag(QStringLiteral("--acknowledged"));
    const bool resolved = args.flag(QStringLiteral("--vendor-resolved"));
    const auto expect = args.value(QStringLiteral("--expect-version"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    if (takeBack && (to || reference || note || acknowledged || resolved))
        return usageError(tr("--take-back goes alone"));
    if (!to && !takeBack && !reference && !note && !acknowledged && !resolved)
        return usageError(tr("escalate needs --to NAME (or --take-back, --acknowledged, --vendor-resolved, "
                             "--reference, --note for the open escalation)"));
    auto id = parseId(positional->constFirst(), tr("card"));
    if (!id)
        return fail(id.error());
    const auto expectedVersion = parseExpectedVersion(expect);
    if (!expectedVersion)
        return usageError(tr("--expect-version takes a version number"));
    if (isRetry()) {
        // The first run landed: the store gives its result back, and the checks below are about the board before it.
        CardPatch any;
        any.escalation = Escalation{};
        auto version = m_store->updateCard(*id, any, *expectedVersion);
        if (!version)
            return fail(version.error());
        m_out << *version << Qt::endl;
        return Ok;
    }
    auto card = m_store->card(*id);
    if (!card)
        return fail(card.error());
    if (card->deletedAt)
        return fail({ErrorKind::NotFound, tr("card #%1 was deleted").arg(*id)});

    namespace escalation = board::escalation;
    CardPatch patch;
    if (takeBack) {
        if (!card->escalation.isEscalated())
            return fail({ErrorKind::Invalid, tr("card #%1 is not escalated").arg(*id)});
        patch = escalation::takeBack(*card);
    } else if (to) {
        auto target = resolveTarget(*to);
        if (!target)
            return fail(target.error());
        // To the target it has already: the case number and note change, unless given they stay.
        const bool same = card->escalation.targetId == target->id;
        patch = escalation::escalate(*card, *target, reference.value_or(same ? card->escalation.reference : QString()),
                                     note.value_or(same ? card->escalation.note : QString()));
    } else {
        if (!card->escalation.isEscalated())
            return fail(
                    {ErrorKind::Invalid, tr("card #%1 is not escalated (escalate it with --to NAME first)").arg(*id)});
        patch.escalation = card->escalation;
        if (reference)
            patch.escalation->reference = reference->trimmed();
        if (note)
            patch.escalation->note = note->trimmed();
    }
    // The vendor's answers, with the escalation just set up (and the status that goes with them).
    Card with = *card;
    with.escalation = *patch.escalation;
    if (patch.status)
        with.status = *patch.status;
    if (acknowledged) {
        const CardPatch acknowledge = escalation::acknowledged(with, true);
        patch.escalation = acknowledge.escalation;
        with.escalation = *patch.escalation;
    }
    if (resolved) {
        const CardPatch resolve = escalation::vendorResolved(with, true);
        patch.escalation = resolve.escalation;
        if (resolve.status)
            patch.status = resolve.status;
    }
    auto version = m_store->updateCard(*id, patch, *expectedVersion);
    if (!version)
        return fail(version.error());
    m_out << *version << Qt::endl;
    return Ok;
}

int Cli::cmdTargets(CliArguments &args)
{
    const bool json = args.flag(QStringLiteral("--json"));
    const auto add = args.value(QStringLiteral("--add"));
    const auto edit = args.value(QStringLiteral("--edit"));
    const auto remove = args.value(QStringLiteral("--remove"));
    const auto name = args.value(QStringLiteral("--name"));
    const auto kind = args.value(QStringLiteral("--kind"));
    const auto contact = args.value(QStringLiteral("--contact"));
    const auto notes = args.value(QStringLiteral("--notes"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    if (int(add.has_value()) + int(edit.has_value()) + int(remove.has_value()) > 1)
        return usageError(tr("--add, --edit and --remove exclude each other"));
    const bool fields = name || kind || contact || notes;
    if (fields && !add && !edit)
        return usageError(tr("--name, --kind, --contact and --notes go with --add or --edit"));
    if (name && add)
        return usageError(tr("targets --add takes the name itself: --add NAME"));
    std::optional<EscalationKind> parsedKind;
    if (kind) {
        parsedKind = escalationKindFromString(*kind);
        if (!parsedKind)
            return fail({ErrorKind::Invalid, tr("unknown kind “%1” (second-line, vendor)").arg(*kind)});
    }
    if (add) {
        if (!parsedKind)
            return usageError(tr("targets --add needs --kind second-line|vendor"));
        EscalationTarget target;
        target.name = *add;
        target.kind = *parsedKind;
        target.contact = contact.value_or(QString());
        target.notes = notes.value_or(QString());
        auto made = m_store->createEscalationTarget(target);
        if (!made)
            return fail(made.error());
        m_out << *made << Qt::endl;
        return Ok;
    }
    if ((edit || remove) && isRetry()) {
        // The first run landed (the target may be renamed or gone by now): it stands, and nothing is done again.
        const Status again = remove ? m_store->deleteEscalationTarget(0) : m_store->updateEscalationTarget({});
        return again ? Ok : fail(again.error());
    }
    if (edit || remove) {
        auto target = resolveTarget(edit ? *edit : *remove);
        if (!target)
            return fail(target.error());
        if (remove) {
            const Status removed = m_store->deleteEscalationTarget(target->id);
            return removed ? Ok : fail(removed.error());
        }
        if (!fields)
            return usageError(tr("targets --edit needs --name, --kind, --contact or --notes"));
        EscalationTarget changed = *target;
        changed.name = name.value_or(changed.name);
        changed.kind = parsedKind.value_or(changed.kind);
        changed.contact = contact.value_or(changed.contact);
        changed.notes = notes.value_or(changed.notes);
        const Status updated = m_store->updateEscalationTarget(changed, target->version);
        return updated ? Ok : fail(updated.error());
    }
    auto targets = m_store->escalationTargets();
    if (!targets)
        return fail(targets.error());
    if (json) {
        QJsonArray array;
        for (const EscalationTarget &target : *targets)
            array << BoardExport::escalationTarget(target);
        printJson(array);
        return Ok;
    }
    for (const EscalationTarget &target : *targets) {
        m_out << pad(terminalText(target.name), 24) << pad(toText(target.kind), 11) << terminalText(target.contact)
              << Qt::endl;
        if (!target.notes.isEmpty())
            m_out << "  " << terminalText(target.notes) << Qt::endl;
    }
    return Ok;
}

} // namespace hb::app
