// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli: the commands that report on a board (columns, list, show, members, export, verify, backup).
#include "cli.h"
#include "cli_p.h"
#include "cliarguments.h"
#include "cliinput.h"
#include "clistream.h"
#include "terminaltext.h"

#include <board/metrics/dataset.h>
#include <board/metrics/reportfiles.h>
#include <board/rules/cardfields.h>
#include <board/rules/cardfilter.h>
#include <board/sla/desk.h>
#include <board/sla/levels.h>
#include <storage/boardstore.h>
#include <storage/exchange/boardexport.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>

namespace hb::app {

using namespace hb::storage;
using namespace detail;

int Cli::cmdColumns(CliArguments &args)
{
    const bool json = args.flag(QStringLiteral("--json"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    auto columns = m_store->columns();
    if (!columns)
        return fail(columns.error());
    auto cards = m_store->cards();
    if (!cards)
        return fail(cards.error());
    QHash<qint64, int> counts;
    for (const Card &card : *cards)
        ++counts[card.columnId];
    auto exporter = BoardExport::prepare(*m_store);
    if (!exporter)
        return fail(exporter.error());
    if (json) {
        QJsonArray array;
        for (const Column &column : *columns)
            array << exporter->column(column, counts.value(column.id));
        printJson(array);
        return Ok;
    }
    m_out << pad(tr("ID"), 4) << pad(tr("NAME"), 20) << pad(tr("KIND"), 6) << pad(tr("CARDS"), 6) << tr("WIP LIMIT")
          << Qt::endl;
    for (const Column &column : *columns) {
        m_out << pad(QString::number(column.id), 4) << pad(terminalText(column.name), 20) << pad(toText(column.kind), 6)
              << pad(QString::number(counts.value(column.id)), 6)
              << (column.wipLimit ? QString::number(column.wipLimit) : QStringLiteral("-")) << Qt::endl;
    }
    return Ok;
}

Cli::TicketOptions Cli::readTicketOptions(CliArguments &args)
{
    TicketOptions options;
    options.unassigned = args.flag(QStringLiteral("--unassigned"));
    options.atLeast = args.flag(QStringLiteral("--at-least"));
    options.allLabels = args.flag(QStringLiteral("--all-labels"));
    options.assignee = args.value(QStringLiteral("--assignee"));
    options.labels = args.values(QStringLiteral("--label"));
    options.priority = args.value(QStringLiteral("--priority"));
    options.channel = args.value(QStringLiteral("--channel"));
    return options;
}

QString Cli::TicketOptions::text() const
{
    QStringList words;
    const auto add = [&words](const QString &option, const std::optional<QString> &value) {
        if (value)
            words << option << *value;
    };
    add(QStringLiteral("--assignee"), assignee);
    if (unassigned)
        words << QStringLiteral("--unassigned");
    for (const QString &label : labels)
        add(QStringLiteral("--label"), label);
    if (allLabels)
        words << QStringLiteral("--all-labels");
    add(QStringLiteral("--priority"), priority);
    if (atLeast)
        words << QStringLiteral("--at-least");
    add(QStringLiteral("--channel"), channel);
    return words.join(u' ');
}

Status Cli::applyTicketOptions(const TicketOptions &options, board::CardFilter &filter)
{
    filter.unassigned = options.unassigned;
    filter.priorityAtLeast = options.atLeast;
    filter.allLabels = options.allLabels;
    filter.assignee = options.assignee.value_or(QString());
    if (options.priority) {
        const auto parsed = parsePriority(*options.priority);
        if (!parsed)
            return parsed.error();
        filter.priority = *parsed;
    }
    if (options.channel) {
        const auto parsed = parseChannel(*options.channel, true);
        if (!parsed)
            return parsed.error();
        filter.channel = *parsed;
    }
    auto labelIds = resolveLabels(options.labels);
    if (!labelIds)
        return labelIds.error();
    filter.labelIds = QSet<qint64>(labelIds->cbegin(), labelIds->cend());
    return {};
}

int Cli::cmdList(CliArguments &args)
{
    board::CardFilter filter;
    const bool json = args.flag(QStringLiteral("--json"));
    filter.overdue = args.flag(QStringLiteral("--overdue"));
    filter.dueWithin24h = args.flag(QStringLiteral("--due-soon"));
    filter.mine = args.flag(QStringLiteral("--mine"));
    const TicketOptions ticketOptions = readTicketOptions(args);
    const bool archived = args.flag(QStringLiteral("--archived"));
    const auto column = args.value(QStringLiteral("--column"));
    const QStringList statuses = args.values(QStringLiteral("--status"));
    const auto requester = args.value(QStringLiteral("--requester"));
    const auto search = args.value(QStringLiteral("--search"));
    const QStringList slaStates = args.values(QStringLiteral("--sla"));
    filter.escalated = args.flag(QStringLiteral("--escalated"));
    const QStringList targetNames = args.values(QStringLiteral("--to"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    for (const QString &name : targetNames) {
        auto target = resolveTarget(name);
        if (!target)
            return fail(target.error());
        filter.escalatedTo.insert(target->id);
    }
    for (const QString &name : slaStates) {
        const auto state = board::sla::stateFromName(name);
        if (!state)
            return fail(
                    {ErrorKind::Invalid,
                     tr("unknown service-level state “%1” (ok, at-risk, breached, paused, met, missed)").arg(name)});
        filter.slaStates.insert(board::sla::stateName(*state));
    }

    if (column) {
        auto id = resolveColumn(*column);
        if (!id)
            return fail(id.error());
        filter.columnId = *id;
    }
    filter.requester = requester.value_or(QString());
    for (const QString &status : statuses) {
        const auto parsed = parseStatus(status);
        if (!parsed)
            return fail(parsed.error());
        filter.statuses.insert(*parsed);
    }
    if (const Status applied = applyTicketOptions(ticketOptions, filter); !applied)
        return fail(applied.error());
    if (search && search->trimmed().isEmpty())
        return fail({ErrorKind::Invalid, tr("--search needs a word to search for (leave it out to list every card)")});
    if (search) {
        filter.search = *search;
        auto hits = m_store->search(*search, archived);
        if (!hits)
            return fail(hits.error());
        filter.searchIds = QSet<qint64>(hits->cbegin(), hits->cend());
    }
    CardQuery query;
    query.includeArchived = archived;
    std::unique_ptr<board::sla::Desk> desk;
    if (!filter.slaStates.isEmpty()) {
        auto read = board::sla::Desk::read(*m_store);
        if (!read)
            return fail(read.error());
        desk = std::move(read).value();
    }
    if (json && !desk)
        return writeCardsJson(query, filter);
    auto cards = m_store->cards(query);
    if (!cards)
        return fail(cards.error());
    auto exporter = BoardExport::prepare(*m_store);
    if (!exporter)
        return fail(exporter.error());
    board::CardFilter::Context context{m_store->now(), m_store->login()};

    // The clock that matters now (the response until answered, then the resolution), as the board's filter has it.
    QHash<qint64, board::sla::Clocks> clocks;
    if (desk) {
        auto read = desk->clocksOf(*m_store, *cards, context.now);
        if (!read)
            return fail(read.error());
        clocks = std::move(*read);
        context.slaState = [&clocks](qint64 id) {
            const auto found = clocks.constFind(id);
            return found == clocks.cend() ? QString() : board::sla::stateName(found->current().state);
        };
    }
    QJsonArray array;
    QList<const Card *> shown;
    for (const Card &card : *cards) {
        if (filter.matches(card, context))
            shown << &card;
    }
    if (json) {
        for (const Card *card : shown)
            array << exporter->card(*card);
        printJson(array);
        return Ok;
    }
    auto columns = m_store->columns();
    if (!columns)
        return fail(columns.error());
    QHash<qint64, QString> columnNames;
    for (const Column &c : *columns)
        columnNames.insert(c.id, c.name);
    m_out << pad(tr("ID"), 5) << pad(tr("COLUMN"), 10) << pad(tr("PRIORITY"), 8) << pad(tr("STATUS"), 12)
          << pad(tr("DUE"), 17) << pad(tr("ASSIGNEE"), 10) << tr("TITLE") << Qt::endl;
    for (const Card *card : shown) {
        m_out << pad(QString::number(card->id), 5) << pad(terminalText(columnNames.value(card->columnId)), 10)
              << pad(toText(card->priority), 8)
              << pad(card->status == StatusTag::None ? QStringLiteral("-") : toText(card->status), 12)
              << pad(localTime(card->dueAt) + (card->isOverdue(context.now) ? QStringLiteral("!") : QString()), 17)
              << pad(card->assignee.isEmpty() ? QStringLiteral("-") : terminalText(card->assignee), 10)
              << terminalText(card->title) << Qt::endl;
    }
    m_err << tr("%n card(s)", int(shown.size())) << Qt::endl;
    return Ok;
}

int Cli::cmdShow(CliArguments &args)
{
    const bool json = args.flag(QStringLiteral("--json"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    auto id = parseId(positional->constFirst(), tr("card"));
    if (!id)
        return fail(id.error());
    auto card = m_store->card(*id);
    if (!card)
        return fail(card.error());
    if (card->deletedAt)
        return fail({ErrorKind::NotFound, tr("card #%1 was deleted").arg(*id)});
    auto exporter = BoardExport::prepare(*m_store);
    if (!exporter)
        return fail(exporter.error());
    auto details = exporter->cardDetails(*card, true);
    if (!details)
        return fail(details.error());
    // Its service-level clocks, or why there are none (service levels an admin must fix first).
    std::optional<board::sla::Clocks> clocks;
    std::optional<board::sla::Estimate> estimate;
    QString estimateLabel;
    QString noClocks;
    if (auto desk = board::sla::Desk::read(*m_store)) {
        const qint64 now = m_store->now();
        auto computed = (*desk)->clocksOf(*m_store, *card, now);
        if (!computed)
            return fail(computed.error());
        clocks = *computed;
        // How long tickets like it usually take, as the card editor says it.
        auto resolved = (*desk)->resolvedRecently(*m_store, now);
        if (!resolved)
            return fail(resolved.error());
        estimate = board::sla::estimateOf(clocks->priority, card->labelIds.value(0), *resolved, now);
        auto labels = m_store->labels();
        if (!labels)
            return fail(labels.error());
        for (const Label &label : *labels) {
            if (label.id == estimate->labelId)
                estimateLabel = label.name;
        }
    } else if (desk.error().kind == ErrorKind::Invalid || desk.error().kind == ErrorKind::Corrupt) {
        noClocks = desk.error().message; // levels that cannot be used: the card is shown all the same
    } else {
        return fail(desk.error()); // the file could not be read
    }
    if (json) {
        QJsonObject withClocks = *details;
        withClocks.insert(QStringLiteral("sla"), clocks ? QJsonValue(board::sla::clocksToJson(*clocks)) : QJsonValue());
        withClocks.insert(QStringLiteral("estimate"),
                          estimate ? QJsonValue(board::sla::estimateToJson(*estimate, estimateLabel)) : QJsonValue());
        printJson(withClocks);
        return Ok;
    }
    const QJsonObject &d = *details;
    auto field = [&](const QString &label, const QString &value) {
        if (!value.isEmpty())
            m_out << pad(label, 14) << terminalText(value) << Qt::endl;
    };
    m_out << "#" << card->id << "  " << terminalText(card->title) << Qt::endl;
    field(tr("Version"), QString::number(card->version));
    field(tr("Column"), d.value(QStringLiteral("column")).toString());
    field(tr("Priority"), toText(card->priority));
    field(tr("Status"), toText(card->status));
    field(tr("Assignee"), card->assignee);
    field(tr("Requester"), card->requester);
    field(tr("Channel"), toText(card->channel));
    QStringList labels;
    for (const QJsonValue &label : d.value(QStringLiteral("labels")).toArray())
        labels << label.toString();
    field(tr("Labels"), labels.join(QStringLiteral(", ")));
    field(tr("Due"), card->dueAt ? localTime(card->dueAt) : QString());
    field(tr("Created"), localTime(card->createdAt) + QStringLiteral(" by ") + card->createdBy);
    field(tr("Resolved"), card->resolvedAt ? localTime(card->resolvedAt) : QString());
    if (card->firstContact)
        field(tr("First contact"), tr("yes (ticked: resolved at first contact)"));
    if (const Escalation &escalation = card->escalation; escalation.isEscalated()) {
        QStringList parts{tr("to %1 (%2)").arg(escalation.targetName, toText(escalation.targetKind)),
                          tr("by %1 at %2").arg(escalation.by, localTime(escalation.at))};
        if (!escalation.reference.isEmpty())
            parts << tr("case %1").arg(escalation.reference);
        if (escalation.acknowledgedAt)
            parts << tr("acknowledged %1").arg(localTime(escalation.acknowledgedAt));
        if (escalation.resolvedAt)
            parts << tr("resolved by them %1").arg(localTime(escalation.resolvedAt));
        field(tr("Escalated"), parts.join(QStringLiteral(", ")));
        field(tr("Note"), escalation.note);
    }
    const auto clockLine = [&](const board::sla::Clock &clock) {
        using board::sla::durationText;
        QString line = board::sla::stateName(clock.state) + QStringLiteral(", ")
                       + tr("%1 of %2").arg(durationText(clock.elapsedMs), durationText(clock.targetMs));
        if (clock.dueAt)
            line += QStringLiteral(", ") + tr("due %1").arg(localTime(clock.dueAt));
        if (clock.pausedMs)
            line += QStringLiteral(", ") + tr("paused %1").arg(durationText(clock.pausedMs));
        return line;
    };
    if (clocks) {
        field(tr("Response"), clockLine(clocks->response));
        field(tr("Resolution"), clockLine(clocks->resolution));
    }
    if (estimate && !card->resolvedAt)
        field(tr("Estimate"), board::sla::estimateText(*estimate, estimateLabel));
    field(tr("Service levels"), noClocks);
    field(tr("Archived"), card->archivedAt ? localTime(card->archivedAt) : QString());
    if (!card->description.isEmpty())
        m_out << Qt::endl << terminalText(card->description, LineBreaks::Keep) << Qt::endl;
    const QJsonArray checklist = d.value(QStringLiteral("checklist")).toArray();
    if (!checklist.isEmpty()) {
        m_out << Qt::endl << tr("Checklist (%1/%2)").arg(card->checklistDone).arg(card->checklistTotal) << Qt::endl;
        for (const QJsonValue &value : checklist) {
            const QJsonObject item = value.toObject();
            m_out << "  " << item.value(QStringLiteral("position")).toInt() << ". ["
                  << (item.value(QStringLiteral("done")).toBool() ? "x" : " ") << "] "
                  << terminalText(item.value(QStringLiteral("text")).toString()) << Qt::endl;
        }
    }
    const QJsonArray attachments = d.value(QStringLiteral("attachments")).toArray();
    if (!attachments.isEmpty()) {
        m_out << Qt::endl << tr("Attachments") << Qt::endl;
        for (const QJsonValue &value : attachments) {
            const QJsonObject a = value.toObject();
            m_out << "  #" << a.value(QStringLiteral("id")).toInteger() << " "
                  << terminalText(a.value(QStringLiteral("name")).toString());
            if (a.value(QStringLiteral("kind")).toString() == u"link")
                m_out << " -> " << terminalText(a.value(QStringLiteral("link")).toString());
            else
                m_out << " (" << QLocale::c().formattedDataSize(a.value(QStringLiteral("size")).toInteger()) << ")";
            m_out << Qt::endl;
        }
    }
    // Comments and history come from the details read above, not from a second read of the file.
    const auto msecsOf = [](const QJsonValue &isoTime) {
        return QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    };
    const QJsonArray comments = d.value(QStringLiteral("comments")).toArray();
    if (!comments.isEmpty()) {
        m_out << Qt::endl << tr("Comments") << Qt::endl;
        for (const QJsonValue &value : comments) {
            const QJsonObject comment = value.toObject();
            m_out << "  " << localTime(msecsOf(comment.value(QStringLiteral("created")))) << "  "
                  << terminalText(comment.value(QStringLiteral("author")).toString()) << ": "
                  << terminalText(comment.value(QStringLiteral("text")).toString(), LineBreaks::Keep) << Qt::endl;
        }
    }
    m_out << Qt::endl << tr("History") << Qt::endl;
    for (const QJsonValue &value : d.value(QStringLiteral("history")).toArray()) {
        const QJsonObject event = value.toObject();
        m_out << "  " << localTime(msecsOf(event.value(QStringLiteral("at")))) << "  "
              << terminalText(event.value(QStringLiteral("actor")).toString()) << "  "
              << event.value(QStringLiteral("kind")).toString() << Qt::endl;
    }
    return Ok;
}

int Cli::cmdMembers(CliArguments &args)
{
    const bool json = args.flag(QStringLiteral("--json"));
    const auto add = args.value(QStringLiteral("--add"));
    const auto role = args.value(QStringLiteral("--role"));
    const auto name = args.value(QStringLiteral("--name"));
    const auto remove = args.value(QStringLiteral("--remove"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    if (add && remove)
        return usageError(tr("--add and --remove exclude each other"));
    if (add) {
        if (!role)
            return usageError(tr("members --add needs --role admin|editor|viewer"));
        const auto parsed = roleFromString(*role);
        if (!parsed)
            return fail({ErrorKind::Invalid, tr("unknown role “%1” (admin, editor, viewer)").arg(*role)});
        const Status set = m_store->setMember(*add, *parsed, name.value_or(QString()));
        return set ? Ok : fail(set.error());
    }
    if (role || name)
        return usageError(tr("--role and --name go with --add"));
    if (remove) {
        const Status removed = m_store->removeMember(*remove);
        return removed ? Ok : fail(removed.error());
    }
    auto members = m_store->members();
    if (!members)
        return fail(members.error());
    auto exporter = BoardExport::prepare(*m_store);
    if (!exporter)
        return fail(exporter.error());
    if (json) {
        QJsonArray array;
        for (const Member &member : *members)
            array << exporter->member(member);
        printJson(array);
        return Ok;
    }
    for (const Member &member : *members) {
        m_out << pad(terminalText(member.login), 16) << pad(toText(member.role), 7) << terminalText(member.displayName)
              << Qt::endl;
    }
    return Ok;
}

int Cli::cmdLevels(CliArguments &args)
{
    namespace sla = board::sla;
    const bool json = args.flag(QStringLiteral("--json"));
    const auto set = args.value(QStringLiteral("--set"));
    const auto expect = args.value(QStringLiteral("--expect-version"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    if (set && json)
        return usageError(tr("--set and --json exclude each other"));
    if (expect && !set)
        return usageError(tr("--expect-version goes with --set"));
    auto levels = m_store->serviceLevels();
    if (!levels)
        return fail(levels.error());
    auto policy = sla::policyFromJson(levels->policy);
    auto calendar = sla::calendarFromJson(levels->calendar);

    if (set) {
        const auto expectedVersion = parseExpectedVersion(expect);
        if (!expectedVersion)
            return usageError(tr("--expect-version takes a version number"));
        QFile in;
        const bool standardInput = *set == u"-";
        if (standardInput ? !in.open(stdin, QIODevice::ReadOnly)
                          : (in.setFileName(QString::fromLocal8Bit(cliinput::argumentBytes(*set))),
                             !in.open(QIODevice::ReadOnly))) {
            return fail(
                    {ErrorKind::Io, tr("cannot read %1: %2")
                                            .arg(standardInput ? tr("standard input") : cliinput::displayArgument(*set),
                                                 in.errorString())});
        }
        // A levels file is small: what is far bigger is not one.
        const QByteArray bytes = cliinput::readAtMost(in, BoardStore::s_maxTextLength * 2);
        if (bytes.size() > BoardStore::s_maxTextLength * 2)
            return fail({ErrorKind::Invalid,
                         tr("%1 is too big for service levels")
                                 .arg(standardInput ? tr("standard input") : cliinput::displayArgument(*set))});
        // What is left out stays as it is (the defaults, if what the board holds cannot be read).
        auto file = sla::levelsFromJson(bytes, policy ? *policy : sla::Policy::defaults(),
                                        calendar ? *calendar : sla::Calendar::officeHours());
        if (!file)
            return fail(file.error());
        const QByteArray newPolicy = file->policy ? sla::policyToJson(*file->policy) : levels->policy;
        const QByteArray newCalendar = file->calendar ? sla::calendarToJson(*file->calendar) : levels->calendar;
        auto saved = m_store->setServiceLevels(newPolicy, newCalendar, *expectedVersion);
        if (!saved)
            return fail(saved.error());
        m_out << *saved << Qt::endl;
        return Ok;
    }

    if (!policy || !calendar)
        return fail({ErrorKind::Invalid, tr("the board's service levels cannot be read (an admin can replace them "
                                            "with levels --set): %1")
                                                 .arg(!policy ? policy.error().message : calendar.error().message)});
    if (json) {
        const auto object = [](const QByteArray &bytes) { return QJsonDocument::fromJson(bytes).object(); };
        printJson(QJsonObject{{QStringLiteral("policy"), object(sla::policyToJson(*policy))},
                              {QStringLiteral("calendar"), object(sla::calendarToJson(*calendar))},
                              {QStringLiteral("version"), levels->version},
                              {QStringLiteral("updated_at"), BoardExport::time(levels->updatedAt)},
                              {QStringLiteral("updated_by"), levels->updatedBy}});
        return Ok;
    }
    m_out << tr("Targets (first response / resolution):") << Qt::endl;
    for (const Priority priority : board::s_priorityOrder) {
        const sla::Target &target = policy->target(priority);
        m_out << "  " << pad(toText(priority), 10)
              << pad(sla::durationText(target.responseMs) + QStringLiteral(" / ")
                             + sla::durationText(target.resolutionMs),
                     16)
              << (target.allDay ? tr("every hour (24x7)") : tr("business hours")) << Qt::endl;
    }
    QStringList pausing;
    for (const StatusTag status : board::s_statusOrder) {
        if (policy->pauses(status))
            pausing << toText(status);
    }
    m_out << tr("Paused while: %1").arg(pausing.isEmpty() ? tr("nothing") : pausing.join(QStringLiteral(", ")))
          << Qt::endl;
    m_out << tr("Time zone: %1").arg(QString::fromUtf8(calendar->timeZone)) << Qt::endl << tr("Hours:") << Qt::endl;
    for (int day = 0; day < 7; ++day) {
        const QString spans = sla::spansText(calendar->week[day]);
        m_out << "  " << pad(QLocale::c().dayName(day + 1), 10) << (spans.isEmpty() ? tr("closed") : spans) << Qt::endl;
    }
    if (!calendar->holidays.isEmpty()) {
        m_out << tr("Holidays:") << Qt::endl;
        for (const sla::Holiday &holiday : calendar->holidays) {
            m_out << "  " << holiday.date.toString(Qt::ISODate) << "  "
                  << pad(holiday.yearly ? tr("every year") : tr("once"), 11) << terminalText(holiday.name) << Qt::endl;
        }
    }
    m_out << tr("Version %1, changed %2 by %3")
                     .arg(levels->version)
                     .arg(localTime(levels->updatedAt), terminalText(levels->updatedBy))
          << Qt::endl;
    return Ok;
}

int Cli::cmdTemplates(CliArguments &args)
{
    const bool json = args.flag(QStringLiteral("--json"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    auto templates = m_store->checklistTemplates();
    if (!templates)
        return fail(templates.error());
    if (json) {
        QJsonArray array;
        for (const ChecklistTemplate &each : *templates)
            array << BoardExport::checklistTemplate(each);
        printJson(array);
        return Ok;
    }
    for (const ChecklistTemplate &each : *templates) {
        m_out << terminalText(each.name) << "  " << tr("(%n item(s))", int(each.items.size())) << Qt::endl;
        for (const QString &item : each.items)
            m_out << "  - " << terminalText(item) << Qt::endl;
    }
    return Ok;
}

int Cli::cmdExport(CliArguments &args)
{
    const bool json = args.flag(QStringLiteral("--json"));
    const bool csv = args.flag(QStringLiteral("--csv"));
    const auto positional = args.positional(0, 1);
    if (!positional)
        return usageError(args.error());
    if (json && csv)
        return usageError(tr("--json and --csv exclude each other"));
    // JSON: streamed, a page of cards at a time (memory stays flat however big the board is), from a copy made on this
    // computer first (colleagues' saves wait for the copy, not for the whole export). CSV: a page of cards at a time,
    // with the figures the metrics work out of every ticket.
    const std::function<Status(QIODevice *)> writeBoard = [this, csv](QIODevice *out) -> Status {
        if (!csv)
            return BoardExport::writeBoardViaCopy(*m_store, QDir::tempPath(), out);
        auto data = board::metrics::readDataset(*m_store, m_store->now());
        if (!data)
            return data.error();
        return board::metrics::writeCardsCsv(*m_store, *data, out);
    };
    if (positional->isEmpty()) {
        if (auto written = writeWhole(m_out, writeBoard); !written)
            return fail(written.error());
        return Ok;
    }
    QSaveFile file(positional->constFirst());
    if (!file.open(QIODevice::WriteOnly))
        return fail({ErrorKind::Io, tr("cannot write %1: %2").arg(positional->constFirst(), file.errorString())});
    if (auto written = writeBoard(&file); !written) {
        file.cancelWriting();
        return fail(written.error());
    }
    if (!file.commit())
        return fail({ErrorKind::Io, tr("cannot write %1: %2").arg(positional->constFirst(), file.errorString())});
    return Ok;
}

int Cli::cmdVerify(CliArguments &args)
{
    if (!args.positional(0, 0))
        return usageError(args.error());
    auto problems = m_store->verify();
    if (!problems)
        return fail(problems.error());
    if (const QString note = abandonedUploadsNote(); !note.isEmpty())
        m_out << note << Qt::endl;
    if (problems->isEmpty()) {
        m_out << tr("ok: %1 is sound").arg(m_store->path()) << Qt::endl;
        return Ok;
    }
    for (const QString &problem : *problems)
        m_out << problem << Qt::endl;
    return fail(
            {ErrorKind::Corrupt,
             tr("%n problem(s) found in %1; restore it from a backup", int(problems->size())).arg(m_store->path())});
}

int Cli::cmdBackup(CliArguments &args)
{
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    if (auto done = m_store->backupTo(positional->constFirst()); !done)
        return fail(done.error());
    m_out << QFileInfo(positional->constFirst()).absoluteFilePath() << Qt::endl;
    return Ok;
}

} // namespace hb::app
