// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlefiles.h"

#include <storage/boardstore.h>
#include <storage/textlength.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

namespace hb::storage::articlefiles {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("hb::storage::articlefiles", text, nullptr, n);
}

} // namespace

std::optional<QString> decode(const QByteArray &bytes)
{
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        QStringDecoder decoder(bytes.startsWith("\xFF\xFE") ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE,
                               QStringDecoder::Flag::Stateless);
        QString text = decoder.decode(bytes.mid(2));
        if (decoder.hasError() || text.contains(QChar(0)))
            return std::nullopt;
        return text;
    }
    if (bytes.contains('\0'))
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

namespace {

/// "printer-jams_tray 2.md" -> "printer jams tray 2".
QString titleFromFileName(const QString &fileName)
{
    QString stem = QFileInfo(fileName).completeBaseName();
    stem.replace(u'-', u' ').replace(u'_', u' ');
    return stem.simplified();
}

/// "a, b", "[a, b]" or "'a', \"b\"" as names.
QStringList labelList(QString value)
{
    value = value.trimmed();
    if (value.startsWith(u'[') && value.endsWith(u']'))
        value = value.mid(1, value.size() - 2);
    QStringList names;
    for (QString name : value.split(u',', Qt::SkipEmptyParts)) {
        name = name.trimmed();
        if (name.size() >= 2 && (name.startsWith(u'"') || name.startsWith(u'\'')) && name.endsWith(name.at(0)))
            name = name.mid(1, name.size() - 2).trimmed();
        if (!name.isEmpty())
            names << name;
    }
    return names;
}

QString unquoted(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && (value.startsWith(u'"') || value.startsWith(u'\'')) && value.endsWith(value.at(0)))
        value = value.mid(1, value.size() - 2);
    return value.trimmed();
}

} // namespace

Result<ArticleDraft> read(const QByteArray &bytes, const QString &fileName)
{
    const auto refused = [&](const QString &why) { return Error{ErrorKind::Invalid, why}; };
    if (bytes.size() > s_maxFileBytes) {
        return refused(tr("it is too big for an article (%1 bytes; at most %2)")
                               .arg(QLocale().toString(bytes.size()), QLocale().toString(s_maxFileBytes)));
    }
    const std::optional<QString> decoded = decode(bytes);
    if (!decoded)
        return refused(tr("it is not text in UTF-8 or UTF-16 (save it as UTF-8 and try again)"));
    QString text = *decoded;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    if (text.trimmed().isEmpty())
        return refused(tr("it is empty"));

    ArticleDraft draft;
    draft.fileName = fileName;
    QStringList lines = text.split(u'\n');
    // Front matter: "---", then "key: value" lines (and "- item" lines under "labels:"), then "---".
    if (!lines.isEmpty() && lines.constFirst().trimmed() == u"---") {
        qsizetype end = -1;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            if (lines.at(i).trimmed() == u"---" || lines.at(i).trimmed() == u"...") {
                end = i;
                break;
            }
        }
        if (end < 0)
            return refused(tr("its front matter (the block that starts with “---”) has no closing “---”"));
        bool inLabels = false;
        for (qsizetype i = 1; i < end; ++i) {
            const QString line = lines.at(i);
            const QString trimmed = line.trimmed();
            if (inLabels && trimmed.startsWith(u'-')) {
                if (const QString name = unquoted(trimmed.mid(1)); !name.isEmpty())
                    draft.labels << name;
                continue;
            }
            inLabels = false;
            const qsizetype colon = line.indexOf(u':');
            if (colon <= 0)
                continue;
            const QString key = line.left(colon).trimmed().toLower();
            const QString value = line.mid(colon + 1);
            if (key == u"title") {
                draft.title = unquoted(value);
            } else if (key == u"labels" || key == u"tags") {
                draft.labels << labelList(value);
                inLabels = value.trimmed().isEmpty();
            }
        }
        lines = lines.mid(end + 1);
    }
    // Else the first heading, when it comes first, is the title.
    while (!lines.isEmpty() && lines.constFirst().trimmed().isEmpty())
        lines.removeFirst();
    if (draft.title.isEmpty() && !lines.isEmpty()) {
        static const QRegularExpression heading(QStringLiteral("^#\\s+(.*?)\\s*#*\\s*$"));
        if (const auto match = heading.match(lines.constFirst()); match.hasMatch()) {
            draft.title = match.captured(1).trimmed();
            lines.removeFirst();
        }
    }
    if (draft.title.isEmpty())
        draft.title = titleFromFileName(fileName);
    draft.title = draft.title.simplified();
    if (draft.title.isEmpty())
        return refused(tr("it has no title (give it a “# Title” line or a front matter “title:”)"));
    if (auto valid = BoardStore::checkText(tr("title"), draft.title, BoardStore::s_maxArticleTitleLength, true);
        !valid) {
        return valid.error();
    }
    QSet<QString> seen;
    QStringList labels;
    for (const QString &name : std::as_const(draft.labels)) {
        if (characterCount(name) > BoardStore::s_maxLabelNameLength) {
            return refused(tr("its label “%1…” is too long (at most %2 characters)")
                                   .arg(name.left(30))
                                   .arg(BoardStore::s_maxLabelNameLength));
        }
        if (!seen.contains(name.toCaseFolded())) {
            seen.insert(name.toCaseFolded());
            labels << name;
        }
    }
    draft.labels = labels;
    while (!lines.isEmpty() && lines.constFirst().trimmed().isEmpty())
        lines.removeFirst();
    while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
        lines.removeLast();
    draft.body = lines.join(u'\n');
    // Cut like a card's description: between characters, never half of one, and said.
    if (const qsizetype count = characterCount(draft.body); count > BoardStore::s_maxArticleBodyLength) {
        draft.body.truncate(characterEnd(draft.body, BoardStore::s_maxArticleBodyLength));
        draft.droppedCharacters = count - BoardStore::s_maxArticleBodyLength;
    }
    if (auto valid = BoardStore::checkText(tr("text"), draft.body, BoardStore::s_maxArticleBodyLength, false); !valid) {
        return valid.error();
    }
    return draft;
}

Result<ArticleFolder> readFolder(const QString &folder)
{
    const QFileInfo info(folder);
    if (!info.exists())
        return Error{ErrorKind::NotFound, tr("there is no folder %1").arg(folder)};
    if (!info.isDir())
        return Error{ErrorKind::Invalid, tr("%1 is not a folder").arg(folder)};
    const QDir dir(folder);
    const QFileInfoList files = dir.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
    if (!dir.isReadable())
        return Error{ErrorKind::Io, tr("cannot read the folder %1").arg(folder)};
    ArticleFolder found;
    for (const QFileInfo &file : files) {
        const QString suffix = file.suffix().toLower();
        if (suffix != u"md" && suffix != u"markdown") {
            ++found.otherFiles;
            continue;
        }
        QFile in(file.filePath());
        if (file.size() > s_maxFileBytes) {
            found.problems << tr("%1: it is too big for an article (%2 bytes; at most %3)")
                                      .arg(file.fileName(), QLocale().toString(file.size()),
                                           QLocale().toString(s_maxFileBytes));
            continue;
        }
        if (!in.open(QIODevice::ReadOnly)) {
            found.problems << tr("%1: cannot read it: %2").arg(file.fileName(), in.errorString());
            continue;
        }
        auto draft = read(in.read(s_maxFileBytes + 1), file.fileName());
        if (!draft) {
            found.problems << tr("%1: %2").arg(file.fileName(), draft.error().message);
            continue;
        }
        found.drafts << *draft;
    }
    if (found.drafts.isEmpty() && found.problems.isEmpty())
        return Error{ErrorKind::NotFound, tr("there is no Markdown file (*.md) in %1").arg(folder)};
    return found;
}

Result<ArticleImport> import(BoardStore &store, const QList<ArticleDraft> &drafts)
{
    ArticleImport done;
    // Said before anything is read: a viewer's import of articles the board has already is refused all the same.
    if (store.role() == Role::Viewer) {
        return Error{ErrorKind::Forbidden,
                     tr("%1 is a viewer on this board and cannot import articles").arg(store.login())};
    }
    if (store.isReadOnly())
        return Error{ErrorKind::ReadOnly, tr("this board is read-only: %1").arg(store.readOnlyReason())};
    const Status status = store.inOneTransaction([&]() -> Status {
        done = {}; // the body may run again from the start
        auto labels = store.labels();
        if (!labels)
            return labels.error();
        QHash<QString, qint64> labelIds;
        for (const Label &label : std::as_const(*labels))
            labelIds.insert(label.name.toCaseFolded(), label.id);
        auto articles = store.articles(false, BoardStore::ArticleText::Without);
        if (!articles)
            return articles.error();
        QSet<QString> titles;
        for (const Article &article : std::as_const(*articles))
            titles.insert(article.title.toCaseFolded());
        for (const ArticleDraft &draft : drafts) {
            if (titles.contains(draft.title.toCaseFolded())) {
                done.skipped << draft.title;
                continue;
            }
            Article article;
            article.title = draft.title;
            article.body = draft.body;
            for (const QString &name : draft.labels) {
                qint64 id = labelIds.value(name.toCaseFolded());
                if (!id) {
                    auto made = store.createLabel(name, QStringLiteral("#8a8f98"));
                    if (!made)
                        return Error{made.error().kind, tr("%1: %2").arg(draft.fileName, made.error().message)};
                    id = *made;
                    labelIds.insert(name.toCaseFolded(), id);
                    done.labelsCreated << name;
                }
                article.labelIds << id;
            }
            auto made = store.createArticle(article);
            if (!made)
                return Error{made.error().kind, tr("%1: %2").arg(draft.fileName, made.error().message)};
            done.created << *made;
            titles.insert(draft.title.toCaseFolded());
        }
        return {};
    });
    if (!status)
        return status.error();
    return done;
}

} // namespace hb::storage::articlefiles
