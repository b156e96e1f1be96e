// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: the knowledge base (schema v9). Articles, their full-text index, the suggestions for a card, and the
// cards "solved with" an article.
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace hb::storage {

using namespace detail;

namespace {

// The labels an article shows come in the order of their names; a deleted label is not shown (nor searched), but
// the article keeps it, for the label's restore. A deleted template is no template.
constexpr const char16_t *s_articleColumns =
        u"SELECT a.id, a.title, CASE WHEN :body THEN a.body ELSE '' END, CASE WHEN t.deleted_at IS NULL THEN "
        u"a.template_id END, a.created_at, "
        u"a.created_by, a.updated_at, a.updated_by, a.deleted_at, a.version, "
        u"(SELECT group_concat(id) FROM (SELECT l.id FROM article_labels al JOIN labels l ON l.id = al.label_id "
        u"WHERE al.article_id = a.id AND l.deleted_at IS NULL ORDER BY l.name COLLATE NOCASE, l.id)), "
        u"(SELECT count(*) FROM card_articles ca JOIN cards c ON c.id = ca.card_id WHERE ca.article_id = a.id "
        u"AND c.deleted_at IS NULL), "
        u"(SELECT count(*) FROM card_articles ca JOIN cards c ON c.id = ca.card_id WHERE ca.article_id = a.id "
        u"AND c.deleted_at IS NULL AND c.resolved_at IS NOT NULL) "
        u"FROM articles a LEFT JOIN checklist_templates t ON t.id = a.template_id ";

Article readArticle(const QSqlQuery &query)
{
    Article article;
    article.id = query.value(0).toLongLong();
    article.title = query.value(1).toString();
    article.body = query.value(2).toString();
    article.templateId = query.value(3).toLongLong();
    article.createdAt = query.value(4).toLongLong();
    article.createdBy = query.value(5).toString();
    article.updatedAt = query.value(6).toLongLong();
    article.updatedBy = query.value(7).toString();
    article.deletedAt = query.value(8).toLongLong();
    article.version = query.value(9).toLongLong();
    const QString labels = query.value(10).toString();
    for (QStringView id : QStringView(labels).split(u',', Qt::SkipEmptyParts))
        article.labelIds << id.toLongLong();
    article.linkedCards = query.value(11).toInt();
    article.resolvedCards = query.value(12).toInt();
    return article;
}

QJsonArray idsArray(const QList<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array << QJsonValue(id);
    return array;
}

Status checkArticleTexts(const std::optional<QString> &title, const std::optional<QString> &body)
{
    if (title) {
        if (auto valid = BoardStore::checkText(tr("article's title"), title->trimmed(),
                                               BoardStore::s_maxArticleTitleLength, true);
            !valid) {
            return valid;
        }
    }
    if (body) {
        if (auto valid = BoardStore::checkText(tr("article's text"), *body, BoardStore::s_maxArticleBodyLength, false);
            !valid) {
            return valid;
        }
    }
    return {};
}

/// Words that say nothing of the problem, in the board's three languages (the index drops accents, so these do too).
const QSet<QString> &stopWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> set;
        for (const char16_t *word :
             {// English
              u"the", u"and", u"for", u"with", u"from", u"not", u"cannot", u"can", u"does", u"doesn", u"don", u"this",
              u"that", u"these", u"has", u"have", u"had", u"was", u"were", u"are", u"when", u"after", u"before", u"but",
              u"please", u"any", u"all", u"our", u"his", u"her", u"its", u"they", u"their", u"there", u"you", u"your",
              u"into", u"again", u"still", u"since", u"will", u"won", u"just", u"what", u"how", u"why", u"who", u"get",
              u"gets", u"got", u"out", u"off", u"now", u"new", u"one", u"some", u"need", u"needs", u"help", u"issue",
              u"problem", u"work", u"working", u"works",
              // Spanish and Portuguese
              u"que", u"los", u"las", u"del", u"con", u"por", u"para", u"una", u"uno", u"sin", u"pero", u"como",
              u"esta", u"este", u"esto", u"nao", u"com", u"uma", u"dos", u"das", u"sem", u"mas", u"esse", u"essa",
              u"isso", u"nos", u"nas", u"mais", u"muy", u"ya", u"ele", u"ela", u"problema", u"ayuda", u"ajuda"})
            set.insert(QString::fromUtf16(word));
        return set;
    }();
    return words;
}

/// Folds a word as the index does (lower case, accents dropped) for the stop-word check.
QString folded(const QString &word)
{
    QString plain;
    for (QChar c : word.normalized(QString::NormalizationForm_D)) {
        if (c.category() != QChar::Mark_NonSpacing)
            plain += c.toLower();
    }
    return plain;
}

} // namespace

namespace detail {

/**
 * The words a suggestion looks for: those of @p texts (the card's title first, its labels, its description) of three
 * characters or more that say something, each once, at most @p maxTerms of them; each with and without a plural "s",
 * so that "printers" finds the article on the printer and the other way round. Whole words, not prefixes: a prefix
 * term costs the index a scan of every word it starts, and a ticket's text is whole words.
 */
QString suggestionExpression(const QStringList &texts, int maxTerms)
{
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"));
    QStringList terms;
    QSet<QString> seen;
    for (const QString &text : texts) {
        for (auto it = word.globalMatch(text); it.hasNext() && seen.size() < maxTerms;) {
            QString term = folded(it.next().captured());
            if (term.size() < 3 || stopWords().contains(term))
                continue;
            if (term.size() > 4 && term.endsWith(u's'))
                term.chop(1);
            if (seen.contains(term))
                continue;
            seen.insert(term);
            terms << u'"' + term + u'"' << u'"' + term + QStringLiteral("s\"");
        }
    }
    return terms.join(QStringLiteral(" OR "));
}

} // namespace detail

Result<Article> BoardStore::loadArticle(qint64 id, bool includeDeleted)
{
    auto found = m_db->row<Article>(QString::fromUtf16(s_articleColumns) + QStringLiteral("WHERE a.id = :id"),
                                    {{QStringLiteral(":id"), id}, {QStringLiteral(":body"), 1}}, readArticle);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ErrorKind::NotFound, tr("there is no article #%1").arg(id)};
    if ((*found)->deletedAt && !includeDeleted)
        return Error{ErrorKind::NotFound, tr("article #%1 “%2” was deleted").arg(id).arg((*found)->title)};
    return **found;
}

Result<QList<Article>> BoardStore::articles(bool includeDeleted, ArticleText text)
{
    return m_db->list<Article>(QString::fromUtf16(s_articleColumns)
                                       + QStringLiteral("WHERE a.deleted_at IS NULL OR :deleted "
                                                        "ORDER BY a.title COLLATE NOCASE, a.id"),
                               {{QStringLiteral(":deleted"), includeDeleted ? 1 : 0},
                                {QStringLiteral(":body"), text == ArticleText::With ? 1 : 0}},
                               readArticle);
}

Result<Article> BoardStore::article(qint64 id)
{
    return loadArticle(id, true);
}

Result<QList<Article>> BoardStore::articlesWithIds(const QList<qint64> &ids, ArticleText text)
{
    if (ids.isEmpty())
        return QList<Article>();
    auto found = m_db->list<Article>(
            QString::fromUtf16(s_articleColumns)
                    + QStringLiteral("WHERE a.id IN (SELECT value FROM json_each(:ids)) "
                                     "AND a.deleted_at IS NULL"),
            {{QStringLiteral(":ids"), idsJson(ids)}, {QStringLiteral(":body"), text == ArticleText::With ? 1 : 0}},
            readArticle);
    if (!found)
        return found;
    QHash<qint64, qsizetype> at;
    for (qsizetype i = 0; i < found->size(); ++i)
        at.insert(found->at(i).id, i);
    QList<Article> ordered;
    ordered.reserve(found->size());
    for (qint64 id : ids) {
        if (const auto it = at.constFind(id); it != at.cend())
            ordered << found->at(*it);
    }
    return ordered;
}

Result<QList<qint64>> BoardStore::checkArticleLabels(const QList<qint64> &labelIds)
{
    QList<qint64> kept;
    for (qint64 labelId : labelIds) {
        if (kept.contains(labelId))
            continue;
        auto live = m_db->scalar(QStringLiteral("SELECT count(*) FROM labels WHERE id = :id AND deleted_at IS NULL"),
                                 {{QStringLiteral(":id"), labelId}});
        if (!live)
            return live.error();
        if (live->toInt() == 0)
            return Error{ErrorKind::NotFound, tr("there is no label #%1").arg(labelId)};
        kept << labelId;
    }
    return kept;
}

Status BoardStore::writeArticleLabels(qint64 articleId, const QList<qint64> &labelIds)
{
    // Deleted labels stay (they come back with the label); the live ones are what the article says now.
    auto cleared = m_db->run(QStringLiteral("DELETE FROM article_labels WHERE article_id = :id AND label_id IN "
                                            "(SELECT id FROM labels WHERE deleted_at IS NULL)"),
                             {{QStringLiteral(":id"), articleId}});
    if (!cleared)
        return cleared.error();
    auto added = m_db->run(QStringLiteral("INSERT OR IGNORE INTO article_labels (article_id, label_id) "
                                          "SELECT :id, value FROM json_each(:labels)"),
                           {{QStringLiteral(":id"), articleId}, {QStringLiteral(":labels"), idsJson(labelIds)}});
    return added ? Status() : Status(added.error());
}

Status BoardStore::reindexArticle(qint64 articleId)
{
    auto removed = m_db->run(QStringLiteral("DELETE FROM articles_fts WHERE rowid = :id"),
                             {{QStringLiteral(":id"), articleId}});
    if (!removed)
        return removed.error();
    auto added = m_db->run(QStringLiteral("INSERT INTO articles_fts (rowid, title, body, labels) "
                                          "SELECT a.id, a.title, a.body, "
                                          "coalesce((SELECT group_concat(l.name, ' ') FROM article_labels al JOIN "
                                          "labels l ON l.id = al.label_id WHERE al.article_id = a.id "
                                          "AND l.deleted_at IS NULL), '') "
                                          "FROM articles a WHERE a.id = :id AND a.deleted_at IS NULL"),
                           {{QStringLiteral(":id"), articleId}});
    return added ? Status() : Status(added.error());
}

Status BoardStore::reindexArticlesWithLabel(qint64 labelId)
{
    auto ids = m_db->list<qint64>(QStringLiteral("SELECT article_id FROM article_labels WHERE label_id = :id"),
                                  {{QStringLiteral(":id"), labelId}},
                                  [](const QSqlQuery &query) { return query.value(0).toLongLong(); });
    if (!ids)
        return ids.error();
    for (qint64 id : std::as_const(*ids)) {
        if (auto indexed = reindexArticle(id); !indexed)
            return indexed;
    }
    return {};
}

Status BoardStore::checkArticleTemplate(qint64 templateId)
{
    if (!templateId)
        return {};
    auto live = m_db->scalar(QStringLiteral("SELECT count(*) FROM checklist_templates WHERE id = :id "
                                            "AND deleted_at IS NULL"),
                             {{QStringLiteral(":id"), templateId}});
    if (!live)
        return live.error();
    if (live->toInt() == 0)
        return Error{ErrorKind::NotFound, tr("there is no checklist template #%1").arg(templateId)};
    return {};
}

Result<qint64> BoardStore::createArticle(const Article &article)
{
    const OperationScope operation(*this);
    const QString title = article.title.trimmed();
    if (auto valid = checkArticleTexts(title, article.body); !valid)
        return valid.error();
    qint64 id = 0;
    auto status = change(
            Role::Editor, QStringLiteral("article.create"),
            [&]() -> Status {
                auto labels = checkArticleLabels(article.labelIds);
                if (!labels)
                    return labels.error();
                if (auto valid = checkArticleTemplate(article.templateId); !valid)
                    return valid;
                const qint64 time = now();
                auto inserted = m_db->insert(
                        QStringLiteral("INSERT INTO articles (board_id, title, body, template_id, created_at, "
                                       "created_by, updated_at, updated_by) VALUES (1, :title, :body, :template, "
                                       ":now, :login, :now, :login)"),
                        {{QStringLiteral(":title"), title},
                         {QStringLiteral(":body"), article.body},
                         {QStringLiteral(":template"), nullable(article.templateId)},
                         {QStringLiteral(":now"), time},
                         {QStringLiteral(":login"), m_login}});
                if (!inserted)
                    return inserted.error();
                id = *inserted;
                if (auto written = writeArticleLabels(id, *labels); !written)
                    return written;
                if (auto indexed = reindexArticle(id); !indexed)
                    return indexed;
                return appendEvent(eventkind::ArticleCreated, 0,
                                   {{QStringLiteral("article_id"), id},
                                    {QStringLiteral("version"), 1},
                                    {QStringLiteral("title"), title},
                                    {QStringLiteral("label_ids"), idsArray(*labels)},
                                    {QStringLiteral("template_id"), jsonTime(article.templateId)}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Result<QStringList> BoardStore::articleFieldsChangedSince(qint64 articleId, qint64 version)
{
    // Board-level events are few (no card's): the index on (card_id, seq) finds them.
    return fieldsChangedAfter(*m_db,
                              QStringLiteral("SELECT payload FROM events WHERE card_id IS NULL AND kind = "
                                             "'article.updated' AND json_extract(payload, '$.article_id') = :id"),
                              {{QStringLiteral(":id"), articleId}}, version);
}

Result<qint64> BoardStore::updateArticle(qint64 id, const ArticlePatch &patch, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    if (auto valid = checkArticleTexts(patch.title, patch.body); !valid)
        return valid.error();
    qint64 newVersion = 0;
    auto status = change(
            Role::Editor, QStringLiteral("article.update"),
            [&]() -> Status {
                auto loaded = loadArticle(id, false);
                if (!loaded)
                    return loaded.error();
                Article article = *loaded;
                QJsonObject changes;
                if (patch.title && patch.title->trimmed() != article.title) {
                    changes.insert(QStringLiteral("title"), fromTo(article.title, patch.title->trimmed()));
                    article.title = patch.title->trimmed();
                }
                if (patch.body && *patch.body != article.body) {
                    // The history keeps the start of each; the text itself is the article's.
                    changes.insert(QStringLiteral("body"), fromTo(excerpt(article.body), excerpt(*patch.body)));
                    article.body = *patch.body;
                }
                QList<qint64> labels = article.labelIds;
                if (patch.labelIds) {
                    auto checked = checkArticleLabels(*patch.labelIds);
                    if (!checked)
                        return checked.error();
                    QList<qint64> before = article.labelIds;
                    QList<qint64> after = *checked;
                    std::sort(before.begin(), before.end());
                    std::sort(after.begin(), after.end());
                    if (before != after) {
                        changes.insert(QStringLiteral("labels"), fromTo(idsArray(before), idsArray(after)));
                        labels = after;
                    }
                }
                if (patch.templateId && *patch.templateId != article.templateId) {
                    if (auto valid = checkArticleTemplate(*patch.templateId); !valid)
                        return valid;
                    changes.insert(QStringLiteral("template_id"),
                                   fromTo(jsonTime(article.templateId), jsonTime(*patch.templateId)));
                    article.templateId = *patch.templateId;
                }
                if (auto merged = checkMerge(tr("article #%1").arg(id), expectedVersion, loaded->version, changes,
                                             [&] { return articleFieldsChangedSince(id, expectedVersion); });
                    !merged) {
                    return merged;
                }
                if (changes.isEmpty()) {
                    newVersion = article.version;
                    return {};
                }
                newVersion = article.version + 1;
                // The template only when the patch sets it: one deleted for now reads as none, and comes back with
                // its restore unless someone chose another.
                auto updated = m_db->run(QStringLiteral("UPDATE articles SET title = :title, body = :body, "
                                                        "template_id = CASE WHEN :setTemplate THEN :template ELSE "
                                                        "template_id END, updated_at = :now, "
                                                        "updated_by = :login, version = :new WHERE id = :id "
                                                        "AND version = :old"),
                                         {{QStringLiteral(":title"), article.title},
                                          {QStringLiteral(":body"), article.body},
                                          {QStringLiteral(":setTemplate"), changes.contains(u"template_id") ? 1 : 0},
                                          {QStringLiteral(":template"), nullable(article.templateId)},
                                          {QStringLiteral(":now"), now()},
                                          {QStringLiteral(":login"), m_login},
                                          {QStringLiteral(":new"), newVersion},
                                          {QStringLiteral(":id"), id},
                                          {QStringLiteral(":old"), loaded->version}});
                if (!updated)
                    return updated.error();
                if (changes.contains(QStringLiteral("labels"))) {
                    if (auto written = writeArticleLabels(id, labels); !written)
                        return written;
                }
                if (auto indexed = reindexArticle(id); !indexed)
                    return indexed;
                return appendEvent(eventkind::ArticleUpdated, 0,
                                   {{QStringLiteral("article_id"), id},
                                    {QStringLiteral("version"), newVersion},
                                    {QStringLiteral("title"), article.title},
                                    {QStringLiteral("changes"), changes}});
            },
            &newVersion);
    if (!status)
        return status.error();
    return newVersion;
}

Status BoardStore::setArticleDeleted(qint64 id, bool deleted)
{
    return change(Role::Editor, deleted ? QStringLiteral("article.delete") : QStringLiteral("article.restore"),
                  [&]() -> Status {
                      auto loaded = loadArticle(id, true);
                      if (!loaded)
                          return loaded.error();
                      if ((loaded->deletedAt != 0) == deleted)
                          return {};
                      auto set = m_db->run(QStringLiteral("UPDATE articles SET deleted_at = :at, updated_at = :now, "
                                                          "updated_by = :login, version = version + 1 WHERE id = :id"),
                                           {{QStringLiteral(":at"), deleted ? QVariant(now()) : QVariant()},
                                            {QStringLiteral(":now"), now()},
                                            {QStringLiteral(":login"), m_login},
                                            {QStringLiteral(":id"), id}});
                      if (!set)
                          return set.error();
                      if (auto indexed = reindexArticle(id); !indexed)
                          return indexed;
                      return appendEvent(deleted ? eventkind::ArticleDeleted : eventkind::ArticleRestored, 0,
                                         {{QStringLiteral("article_id"), id},
                                          {QStringLiteral("version"), loaded->version + 1},
                                          {QStringLiteral("title"), loaded->title}});
                  });
}

Status BoardStore::deleteArticle(qint64 id)
{
    const OperationScope operation(*this);
    return setArticleDeleted(id, true);
}

Status BoardStore::restoreArticle(qint64 id)
{
    const OperationScope operation(*this);
    return setArticleDeleted(id, false);
}

Result<QList<qint64>> BoardStore::searchArticles(const QString &text)
{
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return QList<qint64>();
    // Deleted articles are not in the index. The title counts most, then the labels, then the text.
    return m_db->list<qint64>(QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match "
                                             "ORDER BY bm25(articles_fts, 10.0, 1.0, 5.0), rowid"),
                              {{QStringLiteral(":match"), match}},
                              [](const QSqlQuery &query) { return query.value(0).toLongLong(); });
}

Result<QList<qint64>> BoardStore::suggestArticles(qint64 cardId, int limit)
{
    auto card = loadCard(cardId, true);
    if (!card)
        return card.error();
    QStringList texts{card->title};
    auto labels = m_db->list<QString>(QStringLiteral("SELECT l.name FROM card_labels cl JOIN labels l ON l.id = "
                                                     "cl.label_id WHERE cl.card_id = :card AND l.deleted_at IS NULL"),
                                      {{QStringLiteral(":card"), cardId}},
                                      [](const QSqlQuery &query) { return query.value(0).toString(); });
    if (!labels)
        return labels.error();
    texts << *labels;
    // The start of a long description says what the problem is; the rest (logs, pasted mails) would only blur it.
    constexpr int s_descriptionChars = 1000;
    texts << card->description.left(s_descriptionChars);
    constexpr int s_maxTerms = 24;
    const QString match = suggestionExpression(texts, s_maxTerms);
    if (match.isEmpty() || limit <= 0)
        return QList<qint64>();
    return m_db->list<qint64>(
            QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match "
                           "AND rowid NOT IN (SELECT article_id FROM card_articles "
                           "WHERE card_id = :card) "
                           "ORDER BY bm25(articles_fts, 10.0, 1.0, 5.0), rowid LIMIT :limit"),
            {{QStringLiteral(":match"), match}, {QStringLiteral(":card"), cardId}, {QStringLiteral(":limit"), limit}},
            [](const QSqlQuery &query) { return query.value(0).toLongLong(); });
}

Status BoardStore::linkArticle(qint64 cardId, qint64 articleId)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("article.link"), [&]() -> Status {
        auto card = loadCard(cardId, false);
        if (!card)
            return card.error();
        auto article = loadArticle(articleId, false);
        if (!article)
            return article.error();
        auto linked = m_db->run(QStringLiteral("INSERT OR IGNORE INTO card_articles (card_id, article_id, linked_at, "
                                               "linked_by) VALUES (:card, :article, :now, :login)"),
                                {{QStringLiteral(":card"), cardId},
                                 {QStringLiteral(":article"), articleId},
                                 {QStringLiteral(":now"), now()},
                                 {QStringLiteral(":login"), m_login}});
        if (!linked)
            return linked.error();
        if (*linked == 0)
            return {};
        return cardChanged(CardIndex::Keep, eventkind::CardArticleLinked, cardId,
                           {{QStringLiteral("article_id"), articleId}, {QStringLiteral("title"), article->title}});
    });
}

Status BoardStore::unlinkArticle(qint64 cardId, qint64 articleId)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("article.unlink"), [&]() -> Status {
        auto card = loadCard(cardId, false);
        if (!card)
            return card.error();
        auto article = loadArticle(articleId, true);
        if (!article)
            return article.error();
        auto unlinked = m_db->run(QStringLiteral("DELETE FROM card_articles WHERE card_id = :card "
                                                 "AND article_id = :article"),
                                  {{QStringLiteral(":card"), cardId}, {QStringLiteral(":article"), articleId}});
        if (!unlinked)
            return unlinked.error();
        if (*unlinked == 0)
            return {};
        return cardChanged(CardIndex::Keep, eventkind::CardArticleUnlinked, cardId,
                           {{QStringLiteral("article_id"), articleId}, {QStringLiteral("title"), article->title}});
    });
}

Result<QList<ArticleLink>> BoardStore::cardArticles(qint64 cardId)
{
    return m_db->list<ArticleLink>(QStringLiteral("SELECT ca.card_id, ca.article_id, a.title, a.deleted_at IS NOT "
                                                  "NULL, ca.linked_at, ca.linked_by FROM card_articles ca JOIN "
                                                  "articles a ON a.id = ca.article_id WHERE ca.card_id = :card "
                                                  "ORDER BY ca.linked_at, ca.article_id"),
                                   {{QStringLiteral(":card"), cardId}}, [](const QSqlQuery &query) {
                                       ArticleLink link;
                                       link.cardId = query.value(0).toLongLong();
                                       link.articleId = query.value(1).toLongLong();
                                       link.title = query.value(2).toString();
                                       link.deleted = query.value(3).toBool();
                                       link.linkedAt = query.value(4).toLongLong();
                                       link.linkedBy = query.value(5).toString();
                                       return link;
                                   });
}

Result<QHash<qint64, QList<qint64>>> BoardStore::articleLinks()
{
    QHash<qint64, QList<qint64>> links;
    auto read = m_db->forEach(
            QStringLiteral("SELECT ca.card_id, ca.article_id FROM card_articles ca JOIN cards c "
                           "ON c.id = ca.card_id WHERE c.deleted_at IS NULL "
                           "ORDER BY ca.card_id, ca.linked_at, ca.article_id"),
            {}, [&](const QSqlQuery &query) { links[query.value(0).toLongLong()] << query.value(1).toLongLong(); });
    if (!read)
        return read.error();
    return links;
}

Result<QList<qint64>> BoardStore::articleCards(qint64 articleId)
{
    return m_db->list<qint64>(QStringLiteral("SELECT ca.card_id FROM card_articles ca JOIN cards c ON c.id = "
                                             "ca.card_id WHERE ca.article_id = :article AND c.deleted_at IS NULL "
                                             "ORDER BY ca.linked_at, ca.card_id"),
                              {{QStringLiteral(":article"), articleId}},
                              [](const QSqlQuery &query) { return query.value(0).toLongLong(); });
}

} // namespace hb::storage
