// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlemodel.h"

#include <QTextDocument>

namespace hb::board {

ArticleModel::ArticleModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

ArticleModel::~ArticleModel() = default;

void ArticleModel::setArticles(const QList<storage::Article> &articles)
{
    // The same articles in the same order (a colleague's edit, a ticket solved): rows change in place, so a
    // selection and the scroll position stay.
    const bool sameRows =
            articles.size() == m_articles.size()
            && std::equal(articles.cbegin(), articles.cend(), m_articles.cbegin(),
                          [](const storage::Article &a, const storage::Article &b) { return a.id == b.id; });
    if (sameRows) {
        m_articles = articles;
        if (!m_articles.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_articles.size()) - 1));
        return;
    }
    beginResetModel();
    m_articles = articles;
    endResetModel();
}

void ArticleModel::setLabelNames(const QHash<qint64, QString> &names)
{
    m_labelNames = names;
    if (!m_articles.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_articles.size()) - 1), {LabelsRole, Qt::ToolTipRole});
}

const storage::Article *ArticleModel::articleAt(int row) const
{
    return row >= 0 && row < m_articles.size() ? &m_articles.at(row) : nullptr;
}

int ArticleModel::row(qint64 id) const
{
    for (int i = 0; i < m_articles.size(); ++i) {
        if (m_articles.at(i).id == id)
            return i;
    }
    return -1;
}

int ArticleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_articles.size());
}

QString ArticleModel::labelText(const storage::Article &article) const
{
    QStringList names;
    for (qint64 id : article.labelIds) {
        if (const QString name = m_labelNames.value(id); !name.isEmpty())
            names << name;
    }
    return names.join(QStringLiteral(", "));
}

QVariant ArticleModel::data(const QModelIndex &index, int role) const
{
    const storage::Article *article = articleAt(index.row());
    if (!article || index.column() != 0 || index.parent().isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        // A card still names an article deleted since: said, not hidden.
        return article->deletedAt ? tr("%1 (deleted)").arg(article->title) : article->title;
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole: {
        QStringList parts;
        if (const QString labels = labelText(*article); !labels.isEmpty())
            parts << tr("Labels: %1").arg(labels);
        parts << tr("Solved %n ticket(s)", nullptr, article->resolvedCards);
        // Label names are people's text: a tooltip that looks like HTML would be read as such.
        return role == Qt::ToolTipRole ? Qt::convertFromPlainText(parts.join(u'\n')) : parts.join(u'\n');
    }
    case IdRole:
        return article->id;
    case LabelsRole:
        return labelText(*article);
    case SolvedRole:
        return article->resolvedCards;
    case VersionRole:
        return article->version;
    default:
        return {};
    }
}

} // namespace hb::board
