// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "appinfo.h"
#include "cli_p.h"
#include "cliarguments.h"
#include "clifiles.h"
#include "cliinput.h"
#include "terminaltext.h"

#include <board/rules/cardfilter.h>
#include <storage/boardstore.h>
#include <storage/exchange/boardexport.h>
#include <storage/exchange/demoboard.h>
#include <storage/lockprobe.h>
#include <storage/sqlite/newfile.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimeZone>

#include <optional>

namespace hb::app {

using namespace hb::storage;
using namespace detail;

namespace {

/**
 * An argument that is not UTF-8 text, refused before the command runs; only the FILE that attach and save-attachment
 * open by its bytes may have a name that is not UTF-8.
 */
std::optional<Error> argumentProblem(const QString &command, const QStringList &arguments)
{
    const bool opensFiles = command == u"attach" || command == u"save-attachment";
    bool literal = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (!literal && argument == u"--") {
            literal = true;
            continue;
        }
        if (!cliinput::hasInvalidBytes(argument))
            continue;
        const bool option = !literal && argument.startsWith(QLatin1Char('-'));
        const bool afterOption = !literal && i > 0 && arguments.at(i - 1).startsWith(QLatin1Char('-'));
        if (opensFiles && !option && !afterOption)
            continue;
        if (option && argument.contains(QLatin1Char('=')))
            return cliinput::textProblem(tr("the value of %1").arg(argument.section(QLatin1Char('='), 0, 0)),
                                         argument.section(QLatin1Char('='), 1));
        if (afterOption)
            return cliinput::textProblem(tr("the value of %1").arg(arguments.at(i - 1)), argument);
        return cliinput::textProblem(tr("argument %1 of %2").arg(i + 1).arg(command), argument);
    }
    return std::nullopt;
}

} // namespace

Cli::Cli(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

Cli::~Cli()
{
    LockProbe::setWriteGate({});
    // This run's slot freed before it ends: a colleague does not wait for a record that stopped moving.
    LockProbe::stopWatching({}, true);
}

QString Cli::usage()
{
    return tr("Usage: helpboard-cli [--board FILE] [--as LOGIN] [--busy-timeout SECONDS] [--op-id UUID] COMMAND ...\n"
              "\n"
              "Commands:\n"
              "  init [--demo] [--name NAME]      create a new board file (never overwrites)\n"
              "  columns [--json]\n"
              "  add --title T [--column NAME] [--priority critical|high|normal|low] [--due ISO-8601]\n"
              "      [--assignee LOGIN] [--label NAME]... [--requester R]\n"
              "      [--channel email|phone|chat|walk-in|portal|monitoring] [--description D]\n"
              "                                   prints the new card id\n"
              "  edit ID [--title T] [--description D] [--priority P] [--due D|--no-due]\n"
              "      [--assignee L|--unassign]\n"
              "      [--status in-progress|needs-review|blocked|waiting-requester|waiting-vendor|none]\n"
              "      [--requester R] [--channel C] [--first-contact yes|no]\n"
              "      [--expect-version V]         prints the new version; --first-contact: resolved at first\n"
              "                                   contact (docs/metrics.md), ticked when a ticket is resolved\n"
              "  move ID --to COLUMN [--before ID|--after ID] [--expect-version V]\n"
              "  comment ID --text T              (--text - reads standard input)\n"
              "  checklist ID --add TEXT | --tick N | --untick N   (N: position shown by show)\n"
              "  checklist ID --template NAME     add the items of a checklist template\n"
              "  templates [--json]               the board's checklist templates\n"
              "  attach ID FILE | attach ID --link PATH\n"
              "  save-attachment ATTACHMENT_ID FILE\n"
              "  list [--column C] [--overdue] [--due-soon] [--unassigned] [--mine] [--assignee L]\n"
              "      [--label L]... [--all-labels] [--priority P] [--at-least] [--status S] [--requester R]\n"
              "      [--channel C] [--search TEXT] [--sla STATE]... [--escalated] [--to TARGET]...\n"
              "      [--archived] [--json]\n"
              "                                   --sla: ok|at-risk|breached|paused|met|missed, of the clock\n"
              "                                   that matters now (response until answered, then resolution)\n"
              "                                   --to: escalated to that target (--escalated: to anyone)\n"
              "  show ID [--json]                 card with version, checklist, labels, comments,\n"
              "                                   attachments, history and service-level clocks\n"
              "  escalate ID --to TARGET [--reference CASE] [--note TEXT] [--expect-version V]\n"
              "                                   escalate (a vendor: the card waits on the vendor); prints the\n"
              "                                   new version\n"
              "  escalate ID [--acknowledged] [--vendor-resolved] [--reference CASE] [--note TEXT]\n"
              "                                   the open escalation: the vendor's answer, the case number\n"
              "  escalate ID --take-back          the team has the ticket again\n"
              "  targets [--json]                 the board's escalation targets\n"
              "  targets --add NAME --kind second-line|vendor [--contact C] [--notes N]   (admins)\n"
              "  targets --edit NAME [--name NEW] [--kind K] [--contact C] [--notes N] | targets --remove NAME\n"
              "  archive ID | restore ID\n"
              "  kb list [--search TEXT] [--json]\n"
              "                                   the knowledge base's articles (best match first)\n"
              "  kb show ID [--json]              an article, with the tickets it helped solve\n"
              "  kb add --title T [--body-file F] [--label L]... [--template NAME]\n"
              "                                   prints the new article id (--body-file - : standard input)\n"
              "  kb edit ID [--title T] [--body-file F] [--label L]... [--no-labels] [--template NAME]\n"
              "      [--no-template] [--expect-version V]   prints the new version\n"
              "  kb delete ID | kb restore ID\n"
              "  kb link CARD ARTICLE [--unlink]  the card was solved with the article\n"
              "  kb import FOLDER                 every *.md file in FOLDER as an article: all or none\n"
              "  kb attach ARTICLE FILE [--name N] | kb attach ARTICLE --link PATH\n"
              "                                   a manual or a package on the article (save-attachment reads it)\n"
              "  members [--json] | members --add LOGIN --role admin|editor|viewer [--name NAME]\n"
              "          | members --remove LOGIN\n"
              "  levels [--json]                  the service levels: targets, pausing statuses, hours, holidays\n"
              "  levels --set FILE [--expect-version V]   replace them from JSON (- reads standard input):\n"
              "                                   {\"policy\": {...}, \"calendar\": {...}}, as levels --json prints\n"
              "  report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--label L]... [--all-labels]\n"
              "      [--priority P] [--at-least] [--assignee L] [--unassigned] [--channel C]\n"
              "      [--json | --csv [--tickets]]\n"
              "                                   help-desk metrics of the period (default: the last 30 days,\n"
              "                                   in the desk's time zone) of the tickets the options choose\n"
              "                                   (as list's); definitions in docs/metrics.md;\n"
              "                                   --csv: metric,detail,value; --tickets: a line per ticket\n"
              "  export [--json | --csv] [FILE]   the whole board as JSON (standard output without FILE);\n"
              "                                   --csv: a line per card, every field and its SLA figures\n"
              "  import trello FILE [--update] [--dry-run] [--json]\n"
              "                                   a Trello board's JSON export: lists, cards, labels, members,\n"
              "                                   checklists, comments, attachments as links; all or nothing\n"
              "  import csv FILE [--map FIELD=COLUMN]... [--value FIELD:VALUE=MEANING]...\n"
              "      [--date-format F] [--delimiter C] [--encoding E] [--group | --no-group]\n"
              "      [--update] [--dry-run] [--json]\n"
              "                                   tickets from another help desk's CSV; fields: id, title,\n"
              "                                   description, status, priority, assignee, requester, channel,\n"
              "                                   labels, due, created, resolved, comments (guessed from the\n"
              "                                   header); --value status:Pending=doing+waiting-requester;\n"
              "                                   --group: rows with one ticket number are one card.\n"
              "                                   Importing again makes no card twice (--update: bring in\n"
              "                                   what the source changed)\n"
              "  verify                           integrity, foreign keys, attachment sizes and the schema;\n"
              "                                   clears the damage mark of a board found fully sound\n"
              "  backup FILE                      a consistent copy (VACUUM INTO)\n"
              "  selftest FOLDER                  do file locks reach between desktops? Run on two at once:\n"
              "                                   exit 0 sound, 5 unsafe, 2 could not tell\n"
              "  purge-uploads                    remove uploads abandoned part-way (no progress for an hour)\n"
              "\n"
              "The board defaults to $HELPBOARD_BOARD or the GUI's default board.\n"
              "Exit codes: 0 ok, 1 usage, 2 invalid input or not found, 3 conflict, 4 busy after retries,\n"
              "5 read-only, share without working locks, or not permitted, 6 not a board / too new / damaged,\n"
              "7 file system error.\n");
}

int Cli::exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Invalid:
    case ErrorKind::NotFound:
        return InvalidOrNotFound;
    case ErrorKind::Conflict:
        return Conflict;
    case ErrorKind::Busy:
        return Busy;
    case ErrorKind::ReadOnly:
    case ErrorKind::Forbidden:
        return ReadOnlyOrForbidden;
    case ErrorKind::Corrupt:
    case ErrorKind::NotABoard:
    case ErrorKind::TooNew:
        return BadBoard;
    case ErrorKind::Io:
        return IoError;
    }
    return IoError;
}

int Cli::fail(const Error &error)
{
    QString line = error.message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    m_err << "helpboard-cli: " << terminalText(line) << Qt::endl;
    return exitCodeFor(error.kind);
}

int Cli::usageError(const QString &message)
{
    m_err << "helpboard-cli: " << terminalText(message) << tr(" (see helpboard-cli --help)") << Qt::endl;
    return Usage;
}

void Cli::printJson(const QJsonValue &value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

int Cli::openBoard(bool rescue, bool verifying)
{
    StoreOptions options;
    options.login = m_login;
    options.busyTimeoutMs = m_busyTimeoutMs;
    options.allowCorruptReadOnly = rescue;
    // Before opening: the open's own write (the daily check's stamp) proves the share passes locks too.
    installLockGate();
    auto store = BoardStore::open(m_boardPath, options);
    if (!store)
        return fail(store.error());
    m_store = std::move(store).value();
    if (rescue && m_store->isReadOnly() && !verifying)
        m_err << "helpboard-cli: warning: " << m_store->readOnlyReason() << Qt::endl;
    if (!m_opId.isEmpty())
        m_store->setNextOperationId(QUuid(m_opId));
    return Ok;
}

int Cli::run(const QStringList &arguments)
{
    QStringList rest = arguments;
    m_boardPath = defaultBoardPath();
    while (!rest.isEmpty() && rest.constFirst().startsWith(QLatin1Char('-'))) {
        const QString option = rest.takeFirst();
        if (option == u"-h" || option == u"--help") {
            m_out << usage();
            return Ok;
        }
        if (option == u"--version") {
            m_out << "helpboard-cli " << QCoreApplication::applicationVersion() << Qt::endl;
            return Ok;
        }
        const bool takesValue =
                option == u"--board" || option == u"--as" || option == u"--busy-timeout" || option == u"--op-id";
        if (!takesValue)
            return usageError(tr("unknown option %1").arg(option));
        if (rest.isEmpty())
            return usageError(tr("%1 needs a value").arg(option));
        const QString value = rest.takeFirst();
        if (const auto problem = cliinput::textProblem(tr("the value of %1").arg(option), value))
            return fail(*problem);
        if (option == u"--board") {
            m_boardPath = value;
        } else if (option == u"--as") {
            m_login = value;
        } else if (option == u"--busy-timeout") {
            bool ok = false;
            const double seconds = value.toDouble(&ok);
            if (!ok || seconds < 0 || seconds > 3600)
                return usageError(tr("--busy-timeout takes seconds (0 to 3600)"));
            m_busyTimeoutMs = int(seconds * 1000);
        } else {
            if (QUuid(value).isNull())
                return usageError(tr("--op-id takes a UUID"));
            m_opId = value;
        }
    }
    if (rest.isEmpty())
        return usageError(tr("no command given"));
    const QString command = rest.takeFirst();
    if (const auto problem = argumentProblem(command, rest))
        return fail(*problem);
    CliArguments args(rest);
    if (command == u"help") {
        m_out << usage();
        return Ok;
    }
    if (command == u"init")
        return cmdInit(args);
    if (command == u"selftest")
        return cmdSelftest(rest);
    if (command == u"hold-open") // hidden: for tests
        return cmdHoldOpen(rest);

    using Handler = int (Cli::*)(CliArguments &);
    const std::pair<const char16_t *, Handler> handlers[] = {
            {u"columns", &Cli::cmdColumns},
            {u"add", &Cli::cmdAdd},
            {u"edit", &Cli::cmdEdit},
            {u"move", &Cli::cmdMove},
            {u"comment", &Cli::cmdComment},
            {u"checklist", &Cli::cmdChecklist},
            {u"templates", &Cli::cmdTemplates},
            {u"attach", &Cli::cmdAttach},
            {u"save-attachment", &Cli::cmdSaveAttachment},
            {u"list", &Cli::cmdList},
            {u"show", &Cli::cmdShow},
            {u"members", &Cli::cmdMembers},
            {u"levels", &Cli::cmdLevels},
            {u"escalate", &Cli::cmdEscalate},
            {u"targets", &Cli::cmdTargets},
            {u"report", &Cli::cmdReport},
            {u"export", &Cli::cmdExport},
            {u"verify", &Cli::cmdVerify},
            {u"backup", &Cli::cmdBackup},
            {u"purge-uploads", &Cli::cmdPurgeUploads},
    };
    for (const auto &[name, handler] : handlers) {
        if (command == QStringView(name)) {
            // These read a damaged board as far as they can: to say what is wrong, or to save what is left.
            const bool verifying = command == u"verify";
            const bool rescue = verifying || command == u"export" || command == u"backup";
            if (const int opened = openBoard(rescue, verifying); opened != Ok)
                return opened;
            const int code = (this->*handler)(args);
            // What was read from a board found damaged may be incomplete: said after it (a failure stays one line).
            if (code == Ok && !rescue && m_store && m_store->isDamaged())
                m_err << "helpboard-cli: warning: " << m_store->readOnlyReason() << Qt::endl;
            return code;
        }
    }
    if (command == u"kb") {
        if (const int opened = openBoard(); opened != Ok)
            return opened;
        return cmdKb(rest);
    }
    if (command == u"import") {
        if (const int opened = openBoard(); opened != Ok)
            return opened;
        return cmdImport(rest);
    }
    if (command == u"archive" || command == u"restore") {
        if (const int opened = openBoard(); opened != Ok)
            return opened;
        return cmdArchive(args, command == u"restore");
    }
    return usageError(tr("unknown command “%1”").arg(cliinput::displayArgument(command)));
}

Result<qint64> Cli::parseId(const QString &text, const QString &what)
{
    QString digits = text.trimmed();
    if (digits.startsWith(QLatin1Char('#')))
        digits.remove(0, 1);
    bool ok = false;
    const qint64 id = digits.toLongLong(&ok);
    if (!ok || id <= 0)
        return Error{ErrorKind::Invalid, tr("“%1” is not a %2 id").arg(text, what)};
    return id;
}

Result<QList<qint64>> Cli::resolveLabels(const QStringList &names)
{
    QList<qint64> ids;
    if (names.isEmpty())
        return ids;
    auto labels = m_store->labels();
    if (!labels)
        return labels.error();
    for (const QString &name : names) {
        auto it = std::find_if(labels->cbegin(), labels->cend(),
                               [&](const Label &label) { return label.name.compare(name, Qt::CaseInsensitive) == 0; });
        if (it == labels->cend())
            return Error{ErrorKind::NotFound, tr("there is no label “%1”").arg(name)};
        ids << it->id;
    }
    return ids;
}

std::optional<qint64> Cli::parseExpectedVersion(const std::optional<QString> &text)
{
    if (!text)
        return -1;
    bool ok = false;
    const qint64 version = text->toLongLong(&ok);
    return ok && version >= 1 ? std::optional<qint64>(version) : std::nullopt;
}

Result<qint64> Cli::resolveColumn(const QString &nameOrId)
{
    auto columns = m_store->columns();
    if (!columns)
        return columns.error();
    for (const Column &column : *columns) {
        if (column.name.compare(nameOrId.trimmed(), Qt::CaseInsensitive) == 0)
            return column.id;
    }
    bool isNumber = false;
    const qint64 id = nameOrId.toLongLong(&isNumber);
    for (const Column &column : *columns) {
        if (isNumber && column.id == id)
            return column.id;
    }
    QStringList names;
    for (const Column &column : *columns)
        names << column.name;
    return Error{ErrorKind::NotFound,
                 tr("there is no column “%1” (columns: %2)").arg(nameOrId, names.join(QStringLiteral(", ")))};
}

int Cli::cmdInit(CliArguments &args)
{
    const bool demo = args.flag(QStringLiteral("--demo"));
    const auto name = args.value(QStringLiteral("--name"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    StoreOptions options;
    options.login = m_login;
    options.busyTimeoutMs = m_busyTimeoutMs;
    auto store = BoardStore::create(m_boardPath, name.value_or(demo ? tr("IT Help Desk") : tr("Help desk")), options);
    if (!store)
        return fail(store.error());
    if (demo) {
        if (auto populated = populateDemoBoard(**store); !populated) {
            store->reset();
            QFile::remove(m_boardPath);
            return fail(populated.error());
        }
    }
    m_out << QFileInfo(m_boardPath).absoluteFilePath() << Qt::endl;
    return Ok;
}

int Cli::cmdAdd(CliArguments &args)
{
    const auto title = args.value(QStringLiteral("--title"));
    const auto columnName = args.value(QStringLiteral("--column"));
    const auto priority = args.value(QStringLiteral("--priority"));
    const auto due = args.value(QStringLiteral("--due"));
    const auto assignee = args.value(QStringLiteral("--assignee"));
    const QStringList labelNames = args.values(QStringLiteral("--label"));
    const auto requester = args.value(QStringLiteral("--requester"));
    const auto channel = args.value(QStringLiteral("--channel"));
    const auto description = args.value(QStringLiteral("--description"));
    const auto status = args.value(QStringLiteral("--status"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    if (!title)
        return usageError(tr("add needs --title"));

    NewCard card;
    card.title = *title;
    // Empty, not null: a null QString binds as SQL NULL, and these columns are NOT NULL.
    card.description = description.value_or(QStringLiteral(""));
    card.assignee = assignee.value_or(QStringLiteral(""));
    card.requester = requester.value_or(QStringLiteral(""));
    if (priority) {
        const auto parsed = parsePriority(*priority);
        if (!parsed)
            return fail(parsed.error());
        card.priority = *parsed;
    }
    if (status) {
        const auto parsed = parseStatus(*status);
        if (!parsed)
            return fail(parsed.error());
        card.status = *parsed;
    }
    if (channel) {
        const auto parsed = parseChannel(*channel, false);
        if (!parsed)
            return fail(parsed.error());
        card.channel = *parsed;
    }
    if (due) {
        const auto parsed = cliinput::parseDue(*due);
        if (!parsed)
            return fail(parsed.error());
        card.dueAt = *parsed;
    }
    if (columnName) {
        auto column = resolveColumn(*columnName);
        if (!column)
            return fail(column.error());
        card.columnId = *column;
    } else {
        auto columns = m_store->columns();
        if (!columns)
            return fail(columns.error());
        if (columns->isEmpty())
            return fail({ErrorKind::Invalid, tr("the board has no columns")});
        card.columnId = columns->constFirst().id;
    }
    auto labelIds = resolveLabels(labelNames);
    if (!labelIds)
        return fail(labelIds.error());
    card.labelIds = *labelIds;
    auto id = m_store->createCard(card);
    if (!id)
        return fail(id.error());
    m_out << *id << Qt::endl;
    return Ok;
}

int Cli::cmdEdit(CliArguments &args)
{
    CardPatch patch;
    const auto title = args.value(QStringLiteral("--title"));
    const auto description = args.value(QStringLiteral("--description"));
    const auto priority = args.value(QStringLiteral("--priority"));
    const auto due = args.value(QStringLiteral("--due"));
    const bool noDue = args.flag(QStringLiteral("--no-due"));
    const auto assignee = args.value(QStringLiteral("--assignee"));
    const bool unassign = args.flag(QStringLiteral("--unassign"));
    const auto status = args.value(QStringLiteral("--status"));
    const auto requester = args.value(QStringLiteral("--requester"));
    const auto channel = args.value(QStringLiteral("--channel"));
    const auto firstContact = args.value(QStringLiteral("--first-contact"));
    const auto expect = args.value(QStringLiteral("--expect-version"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    if (firstContact) {
        if (*firstContact != u"yes" && *firstContact != u"no")
            return usageError(tr("--first-contact takes yes or no, not “%1”").arg(*firstContact));
        patch.firstContact = *firstContact == u"yes";
    }
    if (due && noDue)
        return usageError(tr("--due and --no-due exclude each other"));
    if (assignee && unassign)
        return usageError(tr("--assignee and --unassign exclude each other"));
    auto id = parseId(positional->constFirst(), tr("card"));
    if (!id)
        return fail(id.error());
    // Said of a resolution: ticked on a resolved ticket, as the card editor offers it (taking it back is always
    // possible).
    if (patch.firstContact && *patch.firstContact) {
        auto card = m_store->card(*id);
        if (!card)
            return fail(card.error());
        if (!card->resolvedAt) {
            return fail({ErrorKind::Invalid, tr("card #%1 is not resolved: move it to a done column first, then say "
                                                "whether it was resolved at first contact")
                                                     .arg(*id)});
        }
    }
    patch.title = title;
    patch.description = description;
    patch.requester = requester;
    if (priority) {
        const auto parsed = parsePriority(*priority);
        if (!parsed)
            return fail(parsed.error());
        patch.priority = *parsed;
    }
    if (status) {
        const auto parsed = parseStatus(*status);
        if (!parsed)
            return fail(parsed.error());
        patch.status = *parsed;
    }
    if (channel) {
        const auto parsed = parseChannel(*channel, true);
        if (!parsed)
            return fail(parsed.error());
        patch.channel = *parsed;
    }
    if (due) {
        const auto parsed = cliinput::parseDue(*due);
        if (!parsed)
            return fail(parsed.error());
        patch.dueAt = *parsed;
    } else if (noDue) {
        patch.dueAt = 0;
    }
    if (assignee)
        patch.assignee = *assignee;
    else if (unassign)
        patch.assignee = QStringLiteral(""); // empty, not null (NOT NULL column)
    if (patch.isEmpty())
        return usageError(tr("edit needs at least one field to change"));
    const auto expectedVersion = parseExpectedVersion(expect);
    if (!expectedVersion)
        return usageError(tr("--expect-version takes a version number"));
    auto version = m_store->updateCard(*id, patch, *expectedVersion);
    if (!version)
        return fail(version.error());
    m_out << *version << Qt::endl;
    return Ok;
}

int Cli::cmdMove(CliArguments &args)
{
    const auto to = args.value(QStringLiteral("--to"));
    const auto before = args.value(QStringLiteral("--before"));
    const auto after = args.value(QStringLiteral("--after"));
    const auto expect = args.value(QStringLiteral("--expect-version"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    if (!to)
        return usageError(tr("move needs --to COLUMN"));
    if (before && after)
        return usageError(tr("--before and --after exclude each other"));
    auto id = parseId(positional->constFirst(), tr("card"));
    if (!id)
        return fail(id.error());
    auto column = resolveColumn(*to);
    if (!column)
        return fail(column.error());
    Placement placement;
    if (before || after) {
        auto anchor = parseId(before ? *before : *after, tr("card"));
        if (!anchor)
            return fail(anchor.error());
        (before ? placement.before : placement.after) = *anchor;
    }
    const auto expectedVersion = parseExpectedVersion(expect);
    if (!expectedVersion)
        return usageError(tr("--expect-version takes a version number"));
    auto version = m_store->moveCard(*id, *column, placement, *expectedVersion);
    if (!version)
        return fail(version.error());
    m_out << *version << Qt::endl;
    return Ok;
}

int Cli::cmdComment(CliArguments &args)
{
    auto text = args.value(QStringLiteral("--text"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    if (!text)
        return usageError(tr("comment needs --text"));
    if (*text == u"-") {
        // Read as bytes and checked: a QTextStream would read a byte order mark FF FE as UTF-16.
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return fail({ErrorKind::Io, tr("cannot read standard input: %1").arg(in.errorString())});
        auto decoded = cliinput::decodeStandardInput(in.readAll());
        if (!decoded)
            return fail(decoded.error());
        text = *decoded;
        // `echo text | helpboard-cli comment ID --text -` should not store echo's newline.
        while (text->endsWith(QLatin1Char('\n')) || text->endsWith(QLatin1Char('\r')))
            text->chop(1);
    }
    auto id = parseId(positional->constFirst(), tr("card"));
    if (!id)
        return fail(id.error());
    auto comment = m_store->addComment(*id, *text);
    if (!comment)
        return fail(comment.error());
    m_out << *comment << Qt::endl;
    return Ok;
}

int Cli::cmdChecklist(CliArguments &args)
{
    const auto add = args.value(QStringLiteral("--add"));
    const auto tick = args.value(QStringLiteral("--tick"));
    const auto untick = args.value(QStringLiteral("--untick"));
    const auto fromTemplate = args.value(QStringLiteral("--template"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    if (int(add.has_value()) + int(tick.has_value()) + int(untick.has_value()) + int(fromTemplate.has_value()) != 1)
        return usageError(tr("checklist needs exactly one of --add, --tick, --untick, --template"));
    auto id = parseId(positional->constFirst(), tr("card"));
    if (!id)
        return fail(id.error());
    if (fromTemplate) {
        auto templates = m_store->checklistTemplates();
        if (!templates)
            return fail(templates.error());
        const auto found = std::find_if(templates->cbegin(), templates->cend(), [&](const ChecklistTemplate &each) {
            return each.name.compare(fromTemplate->trimmed(), Qt::CaseInsensitive) == 0;
        });
        if (found == templates->cend()) {
            QStringList names;
            for (const ChecklistTemplate &each : *templates)
                names << each.name;
            return fail({ErrorKind::NotFound, tr("there is no checklist template “%1” (there are: %2)")
                                                      .arg(*fromTemplate, names.join(QStringLiteral(", ")))});
        }
        auto items = m_store->applyChecklistTemplate(*id, found->id);
        if (!items)
            return fail(items.error());
        for (qint64 item : *items)
            m_out << item << Qt::endl;
        return Ok;
    }
    if (add) {
        auto item = m_store->addChecklistItem(*id, *add);
        if (!item)
            return fail(item.error());
        m_out << *item << Qt::endl;
        return Ok;
    }
    if (auto card = m_store->card(*id); !card || card->deletedAt)
        return fail(card ? Error{ErrorKind::NotFound, tr("card #%1 was deleted").arg(*id)} : card.error());
    auto items = m_store->checklist(*id);
    if (!items)
        return fail(items.error());
    bool ok = false;
    const int position = (tick ? *tick : *untick).toInt(&ok);
    if (!ok || position < 1 || position > items->size()) {
        return fail(
                {ErrorKind::NotFound, tr("card #%1 has no checklist item %2 (it has %n item(s))", int(items->size()))
                                              .arg(*id)
                                              .arg(tick ? *tick : *untick)});
    }
    if (auto done = m_store->setChecklistItemDone(items->at(position - 1).id, tick.has_value()); !done)
        return fail(done.error());
    return Ok;
}

int Cli::cmdAttach(CliArguments &args)
{
    return attachTo(args, tr("card"), &BoardStore::addAttachment, &BoardStore::addLink);
}

int Cli::attachTo(CliArguments &args, const QString &what, AddFile addFile, AddLink addLink)
{
    const auto link = args.value(QStringLiteral("--link"));
    const auto name = args.value(QStringLiteral("--name"));
    const auto positional = args.positional(1, 2);
    if (!positional)
        return usageError(args.error());
    if (link.has_value() == (positional->size() == 2))
        return usageError(tr("attach needs either a FILE or --link PATH"));
    auto id = parseId(positional->constFirst(), what);
    if (!id)
        return fail(id.error());
    if (link) {
        auto added = (m_store.get()->*addLink)(*id, *link);
        if (!added)
            return fail(added.error());
        m_out << *added << Qt::endl;
        return Ok;
    }
    // Opened here, by the name's bytes: a folder or a named pipe is told apart, and a name that is not UTF-8 works.
    auto file = FileToAttach::open(positional->at(1));
    if (!file)
        return fail(file.error());
    auto attachment = (m_store.get()->*addFile)(*id, file->path(), name.value_or(file->name()), {});
    if (!attachment)
        return fail(attachment.error());
    m_out << *attachment << Qt::endl;
    return Ok;
}

int Cli::cmdSaveAttachment(CliArguments &args)
{
    const auto positional = args.positional(2, 2);
    if (!positional)
        return usageError(args.error());
    auto id = parseId(positional->at(0), tr("attachment"));
    if (!id)
        return fail(id.error());
    // Created exclusively and named only once whole: never through a link, never over a file that appeared meanwhile.
    const QString target = positional->at(1);
    NewFile file(cliinput::argumentBytes(target), cliinput::displayArgument(target));
    if (auto created = file.create(); !created)
        return fail(created.error());
    QFile out;
    if (!out.open(file.descriptor(), QIODevice::WriteOnly, QFileDevice::DontCloseHandle))
        return fail(
                {ErrorKind::Io, tr("cannot write %1: %2").arg(cliinput::displayArgument(target), out.errorString())});
    if (auto saved = m_store->readAttachment(*id, &out); !saved)
        return fail(saved.error());
    if (!out.flush())
        return fail(
                {ErrorKind::Io, tr("cannot write %1: %2").arg(cliinput::displayArgument(target), out.errorString())});
    out.close();
    if (auto placed = file.commit(); !placed)
        return fail(placed.error());
    return Ok;
}

int Cli::cmdArchive(CliArguments &args, bool restore)
{
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    auto id = parseId(positional->constFirst(), tr("card"));
    if (!id)
        return fail(id.error());
    const Status status = restore ? m_store->restoreCard(*id) : m_store->archiveCard(*id);
    return status ? Ok : fail(status.error());
}

} // namespace hb::app
