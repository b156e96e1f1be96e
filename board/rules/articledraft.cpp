// SPDX-License-Identifier: GPL-3.0-or-later
#include "articledraft.h"

#include <storage/boardstore.h>
#include <storage/textlength.h>

#include <QCoreApplication>

namespace hb::board {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::ArticleDraft", text);
}

} // namespace

storage::Article articleFromCard(const storage::Card &card, const QList<storage::ChecklistItem> &checklist,
                                 const QList<storage::Comment> &comments, int maxComments)
{
    storage::Article article;
    article.title = card.title;
    article.labelIds = card.labelIds;
    QStringList parts;
    if (!card.description.trimmed().isEmpty())
        parts << QStringLiteral("## %1\n\n%2").arg(tr("Problem"), card.description.trimmed());
    if (!checklist.isEmpty()) {
        QStringList steps;
        for (qsizetype i = 0; i < checklist.size(); ++i)
            steps << QStringLiteral("%1. %2").arg(i + 1).arg(checklist.at(i).text);
        parts << QStringLiteral("## %1\n\n%2").arg(tr("Steps"), steps.join(u'\n'));
    }
    if (!comments.isEmpty() && maxComments > 0) {
        QStringList notes;
        for (qsizetype i = std::max<qsizetype>(0, comments.size() - maxComments); i < comments.size(); ++i) {
            // Each comment as a quote: its own line breaks kept inside it.
            QString quoted = comments.at(i).body.trimmed();
            quoted.replace(u'\n', QStringLiteral("\n> "));
            notes << QStringLiteral("> ") + quoted;
        }
        parts << QStringLiteral("## %1\n\n%2").arg(tr("Notes"), notes.join(QStringLiteral("\n\n")));
    }
    article.body = parts.join(QStringLiteral("\n\n"));
    if (storage::characterCount(article.body) > storage::BoardStore::s_maxArticleBodyLength)
        article.body.truncate(storage::characterEnd(article.body, storage::BoardStore::s_maxArticleBodyLength));
    return article;
}

} // namespace hb::board
