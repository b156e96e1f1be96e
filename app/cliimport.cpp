// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli import: a Trello board's JSON export or a CSV file of tickets, into the board.
#include "cli.h"
#include "cli_p.h"
#include "cliarguments.h"
#include "cliinput.h"
#include "terminaltext.h"

#include <storage/boardstore.h>
#include <storage/exchange/boardimport.h>
#include <storage/exchange/csvimport.h>
#include <storage/exchange/trelloimport.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace hb::app {

using namespace hb::storage;
using namespace detail;

namespace {

QJsonArray notesJson(const QList<ImportNote> &notes)
{
    QJsonArray array;
    for (const ImportNote &note : notes) {
        QJsonObject object{{QStringLiteral("text"), note.what}};
        if (note.line > 0)
            object.insert(QStringLiteral("line"), note.line);
        if (!note.where.isEmpty())
            object.insert(QStringLiteral("about"), note.where);
        array << object;
    }
    return array;
}

QJsonObject summaryJson(const ImportSummary &summary, const QString &source)
{
    return {{QStringLiteral("source"), source},
            {QStringLiteral("dry_run"), summary.dryRun},
            {QStringLiteral("created"), summary.created},
            {QStringLiteral("archived"), summary.archived},
            {QStringLiteral("updated"), summary.updated},
            {QStringLiteral("unchanged"), summary.unchanged},
            {QStringLiteral("changed_not_updated"), summary.changedSkipped},
            {QStringLiteral("comments"), summary.comments},
            {QStringLiteral("checklist_items"), summary.checklistItems},
            {QStringLiteral("links"), summary.links},
            {QStringLiteral("columns_created"), QJsonArray::fromStringList(summary.columnsCreated)},
            {QStringLiteral("labels_created"), QJsonArray::fromStringList(summary.labelsCreated)},
            {QStringLiteral("members_added"), QJsonArray::fromStringList(summary.membersAdded)},
            {QStringLiteral("skipped"), notesJson(summary.skipped)},
            {QStringLiteral("notes"), notesJson(summary.notes)}};
}

} // namespace

int Cli::cmdImport(const QStringList &arguments)
{
    if (arguments.isEmpty())
        return usageError(tr("import needs a kind of file: trello or csv"));
    const QString kind = arguments.constFirst();
    if (kind != u"trello" && kind != u"csv") {
        return usageError(tr("unknown import “%1” (trello, csv)").arg(cliinput::displayArgument(kind)));
    }
    CliArguments args(arguments.mid(1));
    const bool json = args.flag(QStringLiteral("--json"));
    boardimport::Options options;
    options.dryRun = args.flag(QStringLiteral("--dry-run"));
    options.reimport = args.flag(QStringLiteral("--update")) ? ReimportMode::Update : ReimportMode::Skip;
    const QStringList maps = kind == u"csv" ? args.values(QStringLiteral("--map")) : QStringList();
    const QStringList values = kind == u"csv" ? args.values(QStringLiteral("--value")) : QStringList();
    const auto dateFormat = kind == u"csv" ? args.value(QStringLiteral("--date-format")) : std::nullopt;
    const auto delimiter = kind == u"csv" ? args.value(QStringLiteral("--delimiter")) : std::nullopt;
    const auto encoding = kind == u"csv" ? args.value(QStringLiteral("--encoding")) : std::nullopt;
    const bool group = kind == u"csv" && args.flag(QStringLiteral("--group"));
    const bool noGroup = kind == u"csv" && args.flag(QStringLiteral("--no-group"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    if (group && noGroup)
        return usageError(tr("--group and --no-group exclude each other"));
    const QString path = QString::fromLocal8Bit(cliinput::argumentBytes(positional->constFirst()));

    Result<ImportPlan> plan = ImportPlan{};
    QString readLine; // how a CSV was read, said with the summary
    if (kind == u"trello") {
        plan = trelloimport::readFile(path);
    } else {
        csv::ReadOptions read;
        if (delimiter) {
            const QString text = *delimiter == u"tab" || *delimiter == u"\\t" ? QStringLiteral("\t") : *delimiter;
            if (text.size() != 1 || text.front() == u'"' || text.front() == u'\n' || text.front() == u'\r')
                return usageError(
                        tr("--delimiter is one character (or “tab”), not “%1”").arg(terminalText(*delimiter)));
            read.delimiter = text.front();
        }
        read.encoding = encoding.value_or(QString());
        auto table = csv::readFile(path, read);
        if (!table)
            return fail({table.error().kind, tr("%1: %2").arg(QFileInfo(path).fileName(), table.error().message)});
        csvimport::Mapping mapping = csvimport::guess(*table);
        for (const QString &map : maps) {
            if (auto mapped = csvimport::mapColumn(mapping, *table, map); !mapped)
                return fail(mapped.error());
        }
        for (const QString &value : values) {
            if (auto mapped = csvimport::mapValue(mapping, value); !mapped)
                return fail(mapped.error());
        }
        mapping.dateFormat = dateFormat.value_or(QString());
        if (group || noGroup)
            mapping.groupRows = group;
        else if (!mapping.columns.contains(csvimport::Field::Id))
            mapping.groupRows = false; // (guessed from a column mapped away since)
        plan = csvimport::plan(*table, mapping, QFileInfo(path).fileName());
        if (plan) {
            // What each field was read from: a script's author checks it with --dry-run.
            QStringList fields;
            for (csvimport::Field field : csvimport::fields()) {
                if (const int column = mapping.columns.value(field, -1); column >= 0)
                    fields << QStringLiteral("%1=%2").arg(csvimport::key(field), table->header.at(column));
            }
            readLine = tr("read %1 rows (%2, “%3” between fields): %4")
                               .arg(table->rows.size())
                               .arg(table->encoding,
                                    table->delimiter == u'\t' ? QStringLiteral("tab") : QString(table->delimiter),
                                    terminalText(fields.join(QStringLiteral(", "))))
                       + (mapping.groupRows ? tr("; rows grouped by ticket") : QString());
        }
    }
    if (!plan)
        return fail({plan.error().kind, tr("%1: %2").arg(QFileInfo(path).fileName(), plan.error().message)});
    auto summary = boardimport::apply(*m_store, *plan, options);
    if (!summary)
        return fail(summary.error());
    if (json) {
        printJson(summaryJson(*summary, plan->sourceName));
        return Ok;
    }
    if (!readLine.isEmpty())
        m_out << readLine << Qt::endl;
    for (const QString &line : summary->lines())
        m_out << terminalText(line) << Qt::endl;
    return Ok;
}

} // namespace hb::app
