// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::storage {

class BoardStore;

/// An article read from a Markdown file, before it is in a board.
struct ArticleDraft
{
    QString fileName; ///< the file's name, for messages
    QString title;
    QString body;
    QStringList labels;              ///< label names, as the file spells them
    qsizetype droppedCharacters = 0; ///< the body was longer than an article holds: this many characters were cut
};

/// What reading a folder of Markdown files found: the drafts of the good files, and why each bad one is bad.
struct ArticleFolder
{
    QList<ArticleDraft> drafts;
    QStringList problems; ///< one line per bad file: "name: why"
    int otherFiles = 0;   ///< files that are not Markdown, left alone
};

/// What importArticles() did.
struct ArticleImport
{
    QList<qint64> created;
    QStringList skipped;       ///< titles the knowledge base has already: not imported again
    QStringList labelsCreated; ///< labels the files named that the board did not have
};

/**
 * Markdown files as knowledge-base articles (`helpboard-cli kb import`, File > Import Articles). A file may start
 * with a front matter block ("---" lines around "title: ..." and "labels: a, b"); without a title there, a first
 * "# Heading" is the title, else the file's name. The text is UTF-8 (a BOM is fine) or UTF-16 with a BOM.
 */
namespace articlefiles {

/// A Markdown file bigger than this is refused before it is read (an article holds 100,000 characters).
constexpr qint64 s_maxFileBytes = 4 * 1024 * 1024;

/// The text of @p bytes: UTF-8 (with or without a BOM) or UTF-16 with a BOM; nothing when it is neither (binary).
std::optional<QString> decode(const QByteArray &bytes);
/// The article in @p bytes, read from a file called @p fileName; Invalid, with the reason, when it is none.
Result<ArticleDraft> read(const QByteArray &bytes, const QString &fileName);
/// Every *.md and *.markdown file in @p folder (not its subfolders), by name. Invalid/NotFound when the folder
/// cannot be read or holds no Markdown file.
Result<ArticleFolder> readFolder(const QString &folder);
/**
 * Adds @p drafts to @p store's knowledge base in one change: all of them or none. Labels the board lacks are made
 * (grey); an article whose title the knowledge base has already (any case) is skipped, not doubled.
 */
Result<ArticleImport> import(BoardStore &store, const QList<ArticleDraft> &drafts);

} // namespace articlefiles
} // namespace hb::storage
