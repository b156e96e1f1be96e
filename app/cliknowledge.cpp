// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli kb: the board's knowledge base (articles, the tickets solved with them, import from Markdown files).
#include "cli.h"
#include "cli_p.h"
#include "cliarguments.h"
#include "clifiles.h"
#include "cliinput.h"
#include "terminaltext.h"

#include <storage/boardstore.h>
#include <storage/exchange/articlefiles.h>
#include <storage/exchange/boardexport.h>
#include <storage/textlength.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace hb::app {

using namespace hb::storage;
using namespace detail;

int Cli::cmdKb(const QStringList &arguments)
{
    if (arguments.isEmpty())
        return usageError(tr("kb needs a command: list, show, add, edit, delete, restore, link, import or attach"));
    const QString command = arguments.constFirst();
    CliArguments args(arguments.mid(1));
    if (command == u"list")
        return kbList(args);
    if (command == u"show")
        return kbShow(args);
    if (command == u"add")
        return kbAdd(args);
    if (command == u"edit")
        return kbEdit(args);
    if (command == u"delete" || command == u"restore")
        return kbDelete(args, command == u"restore");
    if (command == u"link")
        return kbLink(args);
    if (command == u"import")
        return kbImport(args);
    if (command == u"attach")
        return kbAttach(args);
    return usageError(tr("unknown kb command “%1” (list, show, add, edit, delete, restore, link, import, attach)")
                              .arg(cliinput::displayArgument(command)));
}

int Cli::kbList(CliArguments &args)
{
    const bool json = args.flag(QStringLiteral("--json"));
    const auto search = args.value(QStringLiteral("--search"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    Result<QList<Article>> articles = QList<Article>();
    if (search) {
        auto found = m_store->searchArticles(*search);
        if (!found)
            return fail(found.error());
        articles = m_store->articlesWithIds(*found);
    } else {
        articles = m_store->articles();
    }
    if (!articles)
        return fail(articles.error());
    auto exporter = BoardExport::prepare(*m_store);
    if (!exporter)
        return fail(exporter.error());
    if (json) {
        QJsonArray array;
        for (const Article &article : std::as_const(*articles))
            array << exporter->article(article);
        printJson(array);
        return Ok;
    }
    for (const Article &article : std::as_const(*articles)) {
        QStringList labels;
        for (const QJsonValue &name : exporter->article(article).value(QStringLiteral("labels")).toArray())
            labels << name.toString();
        m_out << pad(QStringLiteral("#%1").arg(article.id), 6) << pad(terminalText(article.title), 48)
              << pad(terminalText(labels.join(QStringLiteral(", "))), 24)
              << tr("solved %n ticket(s)", article.resolvedCards) << Qt::endl;
    }
    return Ok;
}

int Cli::kbShow(CliArguments &args)
{
    const bool json = args.flag(QStringLiteral("--json"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    auto id = parseId(positional->constFirst(), tr("knowledge-base article"));
    if (!id)
        return fail(id.error());
    auto article = m_store->article(*id);
    if (!article)
        return fail(article.error());
    auto cards = m_store->articleCards(*id);
    if (!cards)
        return fail(cards.error());
    auto linked = m_store->cardsWithIds(*cards);
    if (!linked)
        return fail(linked.error());
    auto attachments = m_store->articleAttachments(*id);
    if (!attachments)
        return fail(attachments.error());
    auto exporter = BoardExport::prepare(*m_store);
    if (!exporter)
        return fail(exporter.error());
    QJsonObject object = exporter->article(*article);
    if (json) {
        QJsonArray tickets;
        for (const Card &card : std::as_const(*linked))
            tickets << QJsonObject{{QStringLiteral("id"), card.id},
                                   {QStringLiteral("title"), card.title},
                                   {QStringLiteral("resolved_at"), BoardExport::time(card.resolvedAt)}};
        object.insert(QStringLiteral("tickets"), tickets);
        QJsonArray files;
        for (const Attachment &attachment : std::as_const(*attachments))
            files << BoardExport::attachment(attachment);
        object.insert(QStringLiteral("attachments"), files);
        printJson(object);
        return Ok;
    }
    m_out << "#" << article->id << "  " << terminalText(article->title) << "  "
          << tr("(version %1)").arg(article->version) << Qt::endl;
    if (article->deletedAt)
        m_out << tr("Deleted %1").arg(localTime(article->deletedAt)) << Qt::endl;
    QStringList labels;
    for (const QJsonValue &name : object.value(QStringLiteral("labels")).toArray())
        labels << name.toString();
    if (!labels.isEmpty())
        m_out << tr("Labels: %1").arg(terminalText(labels.join(QStringLiteral(", ")))) << Qt::endl;
    if (article->templateId) {
        auto templates = m_store->checklistTemplates();
        if (!templates)
            return fail(templates.error());
        for (const ChecklistTemplate &each : std::as_const(*templates)) {
            if (each.id == article->templateId)
                m_out << tr("Checklist: %1").arg(terminalText(each.name)) << Qt::endl;
        }
    }
    m_out << tr("Written by %1 %2; last changed by %3 %4")
                     .arg(terminalText(article->createdBy), localTime(article->createdAt),
                          terminalText(article->updatedBy), localTime(article->updatedAt))
          << Qt::endl;
    m_out << tr("Solved %n ticket(s)", article->resolvedCards) << "; "
          << tr("linked to %n ticket(s)", article->linkedCards) << Qt::endl;
    for (const Card &card : std::as_const(*linked)) {
        m_out << "  #" << card.id << "  " << terminalText(card.title)
              << (card.resolvedAt ? tr("  (resolved %1)").arg(localTime(card.resolvedAt)) : QString()) << Qt::endl;
    }
    for (const Attachment &attachment : std::as_const(*attachments)) {
        m_out << tr("Attached: #%1 %2").arg(attachment.id).arg(terminalText(attachment.name))
              << (attachment.kind == AttachmentKind::Link ? tr(" (link to %1)").arg(terminalText(attachment.linkPath))
                                                          : QStringLiteral(" (%1 bytes)").arg(attachment.size))
              << Qt::endl;
    }
    m_out << Qt::endl << terminalText(article->body, LineBreaks::Keep) << Qt::endl;
    return Ok;
}

Result<QString> Cli::readArticleBody(const QString &argument)
{
    QFile in;
    const bool standardInput = argument == u"-";
    const QString name = standardInput ? tr("standard input") : cliinput::displayArgument(argument);
    if (standardInput ? !in.open(stdin, QIODevice::ReadOnly)
                      : (in.setFileName(QString::fromLocal8Bit(cliinput::argumentBytes(argument))),
                         !in.open(QIODevice::ReadOnly))) {
        return Error{ErrorKind::Io, tr("cannot read %1: %2").arg(name, in.errorString())};
    }
    const QByteArray bytes = cliinput::readAtMost(in, articlefiles::s_maxFileBytes);
    if (bytes.size() > articlefiles::s_maxFileBytes)
        return Error{ErrorKind::Invalid, tr("%1 is too big for an article (at most %2 bytes)")
                                                 .arg(name, QLocale().toString(articlefiles::s_maxFileBytes))};
    std::optional<QString> text = articlefiles::decode(bytes);
    if (!text)
        return Error{ErrorKind::Invalid, tr("%1 is not text in UTF-8 or UTF-16 (save it as UTF-8)").arg(name)};
    text->replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    // Cut like a card's description (between characters), and said.
    if (const qsizetype count = characterCount(*text); count > BoardStore::s_maxArticleBodyLength) {
        text->truncate(characterEnd(*text, BoardStore::s_maxArticleBodyLength));
        m_err << "helpboard-cli: warning: "
              << tr("the text was cut to %1 characters (%2 left out)")
                         .arg(QLocale().toString(BoardStore::s_maxArticleBodyLength),
                              QLocale().toString(count - BoardStore::s_maxArticleBodyLength))
              << Qt::endl;
    }
    return *text;
}

namespace {

/// The checklist template named @p name (any case), or why not.
Result<qint64> templateNamed(BoardStore &store, const QString &name)
{
    auto templates = store.checklistTemplates();
    if (!templates)
        return templates.error();
    QStringList names;
    for (const ChecklistTemplate &each : std::as_const(*templates)) {
        if (each.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return each.id;
        names << each.name;
    }
    return Error{ErrorKind::NotFound,
                 tr("there is no checklist template “%1” (there are: %2)").arg(name, names.join(QStringLiteral(", ")))};
}

} // namespace

int Cli::kbAdd(CliArguments &args)
{
    const auto title = args.value(QStringLiteral("--title"));
    const auto bodyFile = args.value(QStringLiteral("--body-file"));
    const QStringList labelNames = args.values(QStringLiteral("--label"));
    const auto templateName = args.value(QStringLiteral("--template"));
    if (!args.positional(0, 0))
        return usageError(args.error());
    if (!title)
        return usageError(tr("kb add needs --title"));
    Article article;
    article.title = *title;
    if (bodyFile) {
        auto body = readArticleBody(*bodyFile);
        if (!body)
            return fail(body.error());
        article.body = *body;
    }
    auto labels = resolveLabels(labelNames);
    if (!labels)
        return fail(labels.error());
    article.labelIds = *labels;
    if (templateName) {
        auto templateId = templateNamed(*m_store, *templateName);
        if (!templateId)
            return fail(templateId.error());
        article.templateId = *templateId;
    }
    auto id = m_store->createArticle(article);
    if (!id)
        return fail(id.error());
    m_out << *id << Qt::endl;
    return Ok;
}

int Cli::kbEdit(CliArguments &args)
{
    const auto title = args.value(QStringLiteral("--title"));
    const auto bodyFile = args.value(QStringLiteral("--body-file"));
    const QStringList labelNames = args.values(QStringLiteral("--label"));
    const bool noLabels = args.flag(QStringLiteral("--no-labels"));
    const auto templateName = args.value(QStringLiteral("--template"));
    const bool noTemplate = args.flag(QStringLiteral("--no-template"));
    const auto expect = args.value(QStringLiteral("--expect-version"));
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    if (noLabels && !labelNames.isEmpty())
        return usageError(tr("--label and --no-labels exclude each other"));
    if (noTemplate && templateName)
        return usageError(tr("--template and --no-template exclude each other"));
    auto id = parseId(positional->constFirst(), tr("knowledge-base article"));
    if (!id)
        return fail(id.error());
    const auto expectedVersion = parseExpectedVersion(expect);
    if (!expectedVersion)
        return usageError(tr("--expect-version takes a version number"));
    ArticlePatch patch;
    if (title)
        patch.title = *title;
    if (bodyFile) {
        auto body = readArticleBody(*bodyFile);
        if (!body)
            return fail(body.error());
        patch.body = *body;
    }
    if (noLabels || !labelNames.isEmpty()) {
        auto labels = resolveLabels(labelNames);
        if (!labels)
            return fail(labels.error());
        patch.labelIds = *labels;
    }
    if (noTemplate)
        patch.templateId = 0;
    if (templateName) {
        auto templateId = templateNamed(*m_store, *templateName);
        if (!templateId)
            return fail(templateId.error());
        patch.templateId = *templateId;
    }
    if (patch.isEmpty())
        return usageError(tr("kb edit needs --title, --body-file, --label, --no-labels, --template or --no-template"));
    auto version = m_store->updateArticle(*id, patch, *expectedVersion);
    if (!version)
        return fail(version.error());
    m_out << *version << Qt::endl;
    return Ok;
}

int Cli::kbDelete(CliArguments &args, bool restore)
{
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    auto id = parseId(positional->constFirst(), tr("knowledge-base article"));
    if (!id)
        return fail(id.error());
    const Status done = restore ? m_store->restoreArticle(*id) : m_store->deleteArticle(*id);
    return done ? Ok : fail(done.error());
}

int Cli::kbLink(CliArguments &args)
{
    const bool unlink = args.flag(QStringLiteral("--unlink"));
    const auto positional = args.positional(2, 2);
    if (!positional)
        return usageError(args.error());
    auto card = parseId(positional->at(0), tr("card"));
    if (!card)
        return fail(card.error());
    auto article = parseId(positional->at(1), tr("knowledge-base article"));
    if (!article)
        return fail(article.error());
    const Status done = unlink ? m_store->unlinkArticle(*card, *article) : m_store->linkArticle(*card, *article);
    return done ? Ok : fail(done.error());
}

int Cli::kbAttach(CliArguments &args)
{
    return attachTo(args, tr("knowledge-base article"), &BoardStore::addArticleAttachment, &BoardStore::addArticleLink);
}

int Cli::kbImport(CliArguments &args)
{
    const auto positional = args.positional(1, 1);
    if (!positional)
        return usageError(args.error());
    const QString folder = QString::fromLocal8Bit(cliinput::argumentBytes(positional->constFirst()));
    auto read = articlefiles::readFolder(folder);
    if (!read)
        return fail(read.error());
    // Nothing half-imported: one bad file and none goes in, each bad one said.
    if (!read->problems.isEmpty()) {
        for (const QString &problem : std::as_const(read->problems))
            m_err << "helpboard-cli: " << terminalText(problem) << Qt::endl;
        return fail({ErrorKind::Invalid,
                     tr("%n file(s) could not be read as articles; nothing was imported", int(read->problems.size()))});
    }
    for (const ArticleDraft &draft : std::as_const(read->drafts)) {
        if (draft.droppedCharacters) {
            m_err << "helpboard-cli: warning: "
                  << tr("%1: the text was cut to %2 characters (%3 left out)")
                             .arg(terminalText(draft.fileName), QLocale().toString(BoardStore::s_maxArticleBodyLength),
                                  QLocale().toString(draft.droppedCharacters))
                  << Qt::endl;
        }
    }
    auto imported = articlefiles::import(*m_store, read->drafts);
    if (!imported)
        return fail(imported.error());
    m_out << tr("Imported %n article(s)", int(imported->created.size()));
    if (!imported->labelsCreated.isEmpty())
        m_out << tr("; new labels: %1").arg(terminalText(imported->labelsCreated.join(QStringLiteral(", "))));
    m_out << Qt::endl;
    if (!imported->skipped.isEmpty()) {
        m_out << tr("Left out %n already in the knowledge base: %1", int(imported->skipped.size()))
                         .arg(terminalText(imported->skipped.join(QStringLiteral(", "))))
              << Qt::endl;
    }
    if (read->otherFiles)
        m_out << tr("%n other file(s) in the folder left alone (not *.md)", read->otherFiles) << Qt::endl;
    return Ok;
}

} // namespace hb::app
