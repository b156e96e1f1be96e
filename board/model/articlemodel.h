// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace hb::board {

/**
 * Knowledge-base articles for a list: the board's, by title, or a search's or a card's suggestions, best first. Set
 * whole (setArticles()) from what was read; an update keeps the rows that stay (a selection stays on its article).
 */
class ArticleModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArticleModel)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        LabelsRole, ///< the label names, joined by ", " (setLabelNames())
        SolvedRole, ///< tickets resolved that are linked to it
        VersionRole,
    };

    explicit ArticleModel(QObject *parent = nullptr);
    ~ArticleModel() override;

    /// Shows @p articles, in this order.
    void setArticles(const QList<storage::Article> &articles);
    /// The names of the board's labels, by id, that the rows show.
    void setLabelNames(const QHash<qint64, QString> &names);
    const QList<storage::Article> &articles() const { return m_articles; }
    /// The article at @p row; nullptr when there is none.
    const storage::Article *articleAt(int row) const;
    /// Its row, or -1.
    int row(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString labelText(const storage::Article &article) const;

    QList<storage::Article> m_articles;
    QHash<qint64, QString> m_labelNames;
};

} // namespace hb::board
