// SPDX-License-Identifier: GPL-3.0-or-later
// BoardActions: the knowledge base. Articles made, edited and deleted, and cards linked to them, as undo steps.
#include "boardactions_p.h"

#include <storage/boardstore.h>

#include <QFileInfo>

namespace hb::board {

using namespace actions;

namespace {

/// A save of the knowledge base: @p change, then what shows articles is told to read them again.
StoreWorker::Job articleSave(std::function<Status(BoardStore &)> change)
{
    return [change = std::move(change)](BoardStore &store) {
        Saved saved{change(store)};
        saved.articlesChanged = true;
        return saved;
    };
}

/// The fields of @p patch as @p article has them.
storage::ArticlePatch valuesOf(const storage::Article &article, const storage::ArticlePatch &patch)
{
    storage::ArticlePatch values;
    if (patch.title)
        values.title = article.title;
    if (patch.body)
        values.body = article.body;
    if (patch.labelIds)
        values.labelIds = article.labelIds;
    if (patch.templateId)
        values.templateId = article.templateId;
    return values;
}

bool sameLabels(QList<qint64> a, QList<qint64> b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

/// The fields of @p patch that @p article no longer has as @p from had them (someone else changed them since).
QStringList changedSince(const storage::Article &article, const storage::ArticlePatch &from)
{
    QStringList fields;
    if (from.title && article.title != from.title->trimmed())
        fields << tr("title");
    if (from.body && article.body != *from.body)
        fields << tr("text");
    if (from.labelIds && !sameLabels(article.labelIds, *from.labelIds))
        fields << tr("labels");
    if (from.templateId && article.templateId != *from.templateId)
        fields << tr("checklist");
    return fields;
}

} // namespace

bool BoardActions::createArticle(const storage::Article &article, std::function<void(qint64 id)> done)
{
    if (!accepted(BoardStore::checkText(tr("article's title"), article.title.trimmed(),
                                        BoardStore::s_maxArticleTitleLength, true))
        || !accepted(
                BoardStore::checkText(tr("article's text"), article.body, BoardStore::s_maxArticleBodyLength, false))) {
        return false;
    }
    // Undo deletes the one this step made; redo brings it back.
    Id id = std::make_shared<std::atomic<qint64>>(0);
    const auto create = createOrRestore(
            id, [article](BoardStore &store) { return store.createArticle(article); },
            [](BoardStore &store, qint64 made) { return store.restoreArticle(made); });
    StoreWorker::Done first;
    if (done)
        first = [id, done = std::move(done)](const Saved &saved) { done(saved.status ? id->load() : 0); };
    m_stack.push(new SavedCommand(*this, tr("New Article"), {}, Step{{}, articleSave(create)},
                                  Step{{}, articleSave([id](BoardStore &store) { return store.deleteArticle(*id); })},
                                  std::move(first)));
    return true;
}

bool BoardActions::editArticle(const storage::Article &before, const storage::ArticlePatch &patch)
{
    if (patch.title
        && !accepted(BoardStore::checkText(tr("article's title"), patch.title->trimmed(),
                                           BoardStore::s_maxArticleTitleLength, true))) {
        return false;
    }
    if (patch.body
        && !accepted(
                BoardStore::checkText(tr("article's text"), *patch.body, BoardStore::s_maxArticleBodyLength, false))) {
        return false;
    }
    // Undo and redo set each field only while it still holds what this step found there: someone else's change to
    // another field stays, one to the same field is a conflict that leaves the article as it is.
    const qint64 id = before.id;
    const auto step = [id](const storage::ArticlePatch &from, const storage::ArticlePatch &to) {
        return Step{{}, articleSave([id, from, to](BoardStore &store) -> Status {
                        auto current = store.article(id);
                        if (!current)
                            return current.error();
                        if (current->deletedAt)
                            return storage::Error{ErrorKind::NotFound,
                                                  tr("the article “%1” was deleted since").arg(current->title)};
                        if (const QStringList fields = changedSince(*current, from); !fields.isEmpty()) {
                            return storage::Error{ErrorKind::Conflict,
                                                  tr("someone else changed the %1 of the article “%2” since; it was "
                                                     "left as it is")
                                                          .arg(fields.join(QStringLiteral(", ")), current->title)};
                        }
                        auto updated = store.updateArticle(id, to, current->version);
                        return updated ? Status() : Status(updated.error());
                    })};
    };
    const storage::ArticlePatch was = valuesOf(before, patch);
    m_stack.push(new SavedCommand(*this, tr("Edit Article"), {}, step(was, patch), step(patch, was)));
    return true;
}

bool BoardActions::deleteArticle(qint64 id)
{
    m_stack.push(new SavedCommand(*this, tr("Delete Article"), {},
                                  Step{{}, articleSave([id](BoardStore &store) { return store.deleteArticle(id); })},
                                  Step{{}, articleSave([id](BoardStore &store) { return store.restoreArticle(id); })}));
    return true;
}

bool BoardActions::linkArticle(qint64 cardId, qint64 articleId, bool link)
{
    // A link already as asked (a colleague made or took it off meanwhile) is not this step's: its undo leaves it.
    auto changed = std::make_shared<std::atomic_bool>(false);
    const auto save = [cardId, articleId, changed](bool on, bool redo) -> StoreWorker::Job {
        return [cardId, articleId, on, redo, changed](BoardStore &store) {
            Saved saved;
            const auto links = store.cardArticles(cardId);
            const bool linked = links
                                && std::any_of(links->cbegin(), links->cend(),
                                               [&](const storage::ArticleLink &l) { return l.articleId == articleId; });
            if (!links) {
                saved.status = links.error();
            } else if (redo) {
                *changed = linked != on;
                if (*changed)
                    saved.status = on ? store.linkArticle(cardId, articleId) : store.unlinkArticle(cardId, articleId);
            } else if (*changed) {
                saved.status = on ? store.linkArticle(cardId, articleId) : store.unlinkArticle(cardId, articleId);
            }
            saved.readCards(store, {cardId});
            saved.articlesChanged = true;
            return saved;
        };
    };
    m_stack.push(new SavedCommand(*this, link ? tr("Link Article") : tr("Take Off Article"), {cardId},
                                  Step{{}, save(link, true)}, Step{{}, save(!link, false)}));
    return true;
}

int BoardActions::addArticleAttachments(qint64 articleId, const QStringList &paths)
{
    auto limit = m_store.attachmentLimit();
    if (!limit) {
        report(limit.error());
        return 0;
    }
    int taken = 0;
    for (const QString &path : paths) {
        if (!attachable(path, *limit))
            continue;
        // Stored on the saver's thread, a chunk per transaction; undo removes it, redo brings it back.
        Id id = std::make_shared<std::atomic<qint64>>(0);
        const auto add = createOrRestore(
                id, [articleId, path](BoardStore &store) { return store.addArticleAttachment(articleId, path); },
                [](BoardStore &store, qint64 made) { return store.restoreAttachment(made); });
        m_stack.push(new SavedCommand(
                *this, tr("Attach “%1” to the Article").arg(QFileInfo(path).fileName()), {}, Step{{}, articleSave(add)},
                Step{{}, articleSave([id](BoardStore &store) { return store.removeAttachment(*id); })}));
        ++taken;
    }
    return taken;
}

bool BoardActions::removeArticleAttachment(qint64 attachmentId)
{
    m_stack.push(new SavedCommand(
            *this, tr("Remove Attachment"), {},
            Step{{}, articleSave([attachmentId](BoardStore &store) { return store.removeAttachment(attachmentId); })},
            Step{{},
                 articleSave([attachmentId](BoardStore &store) { return store.restoreAttachment(attachmentId); })}));
    return true;
}

} // namespace hb::board
