// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlespane.h"

#include <board/actions/boardactions.h>
#include <board/model/articlemodel.h>
#include <board/model/boardmodel.h>
#include <board/rules/articledraft.h>
#include <storage/boardstore.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace hb::board {

namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setWeight(QFont::DemiBold);
    label->setFont(bold);
    return label;
}

QListView *articleList(const QString &name, ArticleModel *model, QWidget *parent)
{
    auto *view = new QListView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setUniformItemSizes(true);
    view->setTextElideMode(Qt::ElideRight);
    return view;
}

} // namespace

ArticlesPane::ArticlesPane(BoardModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("articlesPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading(tr("Knowledge base"), this));

    m_linked = new ArticleModel(this);
    m_linkedLabel = new QLabel(tr("Solved with:"), this);
    m_linkedLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_linkedLabel);
    m_linkedView = articleList(QStringLiteral("linkedArticles"), m_linked, this);
    m_linkedView->setAccessibleName(tr("Articles this ticket was solved with"));
    m_linkedLabel->setBuddy(m_linkedView);
    layout->addWidget(m_linkedView);

    m_suggested = new ArticleModel(this);
    m_suggestedLabel = new QLabel(tr("Suggested articles:"), this);
    m_suggestedLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_suggestedLabel);
    m_suggestedView = articleList(QStringLiteral("suggestedArticles"), m_suggested, this);
    m_suggestedView->setAccessibleName(tr("Suggested articles"));
    m_suggestedView->setAccessibleDescription(tr("Articles like this ticket, best first"));
    m_suggestedLabel->setBuddy(m_suggestedView);
    layout->addWidget(m_suggestedView);

    auto *buttons = new QHBoxLayout;
    m_open = new QPushButton(tr("Open"), this);
    m_open->setObjectName(QStringLiteral("openArticle"));
    m_open->setToolTip(tr("Read the article in the Knowledge view (Enter)"));
    m_link = new QPushButton(this);
    m_link->setObjectName(QStringLiteral("linkArticle"));
    m_apply = new QPushButton(tr("Apply checklist"), this);
    m_apply->setObjectName(QStringLiteral("applyArticleChecklist"));
    m_apply->setToolTip(tr("Add the article's checklist to this ticket's"));
    for (QPushButton *button : {m_open, m_link, m_apply})
        buttons->addWidget(button);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_write = new QPushButton(tr("Write an Article from This Card…"), this);
    m_write->setObjectName(QStringLiteral("writeArticle"));
    m_write->setToolTip(tr("A new knowledge-base article from this ticket's description, checklist and last comments"));
    layout->addWidget(m_write, 0, Qt::AlignLeft);

    for (QListView *view : {m_linkedView, m_suggestedView}) {
        view->installEventFilter(this);
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this, view] {
            m_lastView = view;
            // One selection between the two lists: the buttons act on it.
            QListView *other = view == m_linkedView ? m_suggestedView : m_linkedView;
            other->selectionModel()->clear();
            updateButtons();
        });
        connect(view, &QListView::activated, this, [this](const QModelIndex &index) {
            Q_EMIT openArticle(index.data(ArticleModel::IdRole).toLongLong());
        });
    }
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const storage::Article *article = current())
            Q_EMIT openArticle(article->id);
    });
    connect(m_link, &QPushButton::clicked, this, [this] {
        const storage::Article *article = current();
        if (!article || !m_actions)
            return;
        const bool linked = m_lastView == m_linkedView;
        m_actions->linkArticle(m_cardId, article->id, !linked);
    });
    connect(m_apply, &QPushButton::clicked, this, [this] {
        const storage::Article *article = current();
        if (article && article->templateId && m_actions)
            m_actions->applyChecklistTemplate(m_cardId, article->templateId);
    });
    connect(m_write, &QPushButton::clicked, this, [this] {
        const storage::Card *card = m_model.cardAt(m_model.cardIndex(m_cardId));
        if (!card || !m_store)
            return;
        auto checklist = m_store->checklist(m_cardId);
        auto comments = m_store->comments(m_cardId);
        Q_EMIT writeArticle(articleFromCard(*card, checklist.value_or(QList<storage::ChecklistItem>()),
                                            comments.value_or(QList<storage::Comment>())));
    });
    updateButtons();
}

ArticlesPane::~ArticlesPane() = default;

void ArticlesPane::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    m_store = store;
    m_actions = actions;
    m_cardId = 0;
    m_readFrom.clear();
    m_linked->setArticles({});
    m_suggested->setArticles({});
    updateButtons();
}

void ArticlesPane::showCard(qint64 cardId)
{
    m_cardId = cardId;
    m_readFrom.clear();
    refresh(true);
}

void ArticlesPane::refresh(bool always)
{
    const storage::Card *card = m_model.cardAt(m_model.cardIndex(m_cardId));
    if (!m_store || !card) {
        m_linked->setArticles({});
        m_suggested->setArticles({});
        fitHeights();
        updateButtons();
        return;
    }
    QStringList labelIds;
    for (qint64 id : card->labelIds)
        labelIds << QString::number(id);
    const QString readFrom = card->title + u'\x1f' + card->description + u'\x1f' + labelIds.join(u',');
    if (!always && readFrom == m_readFrom)
        return;
    m_readFrom = readFrom;
    QHash<qint64, QString> names;
    for (const storage::Label &label : m_model.labels())
        names.insert(label.id, label.name);
    m_linked->setLabelNames(names);
    m_suggested->setLabelNames(names);
    // What cannot be read now (a busy share) shows what it showed; the next change reads it again.
    if (auto links = m_store->cardArticles(m_cardId)) {
        QList<storage::Article> linked;
        for (const storage::ArticleLink &link : std::as_const(*links)) {
            if (auto article = m_store->article(link.articleId))
                linked << *article;
        }
        m_linked->setArticles(linked);
    }
    if (auto ids = m_store->suggestArticles(m_cardId)) {
        if (auto suggested = m_store->articlesWithIds(*ids, storage::BoardStore::ArticleText::Without))
            m_suggested->setArticles(*suggested);
    }
    // Nothing chosen yet: the best suggestion is, so that one click applies or links it (the buttons say what to).
    if (!m_linkedView->currentIndex().isValid() && !m_suggestedView->currentIndex().isValid()
        && m_suggested->rowCount() > 0) {
        m_suggestedView->setCurrentIndex(m_suggested->index(0));
        m_lastView = m_suggestedView;
    }
    fitHeights();
    updateButtons();
}

void ArticlesPane::fitHeights()
{
    // As tall as what they hold: the editor scrolls, not the lists.
    for (QListView *view : {m_linkedView, m_suggestedView}) {
        const int rows = view->model()->rowCount();
        const int row = view->sizeHintForRow(0) > 0 ? view->sizeHintForRow(0) : fontMetrics().height() + 6;
        view->setFixedHeight(rows * row + 2 * view->frameWidth() + 2);
        view->setVisible(rows > 0);
    }
    m_linkedLabel->setVisible(m_linked->rowCount() > 0);
    m_suggestedLabel->setText(m_suggested->rowCount() > 0 ? tr("Suggested articles:")
                                                          : tr("No article in the knowledge base is like this ticket "
                                                               "yet."));
    m_suggestedLabel->setWordWrap(true);
}

const storage::Article *ArticlesPane::current() const
{
    for (QListView *view : {m_lastView, m_linkedView, m_suggestedView}) {
        if (!view || !view->selectionModel()->hasSelection())
            continue;
        const QModelIndex index = view->currentIndex();
        const auto *model = static_cast<ArticleModel *>(view->model());
        if (index.isValid())
            return model->articleAt(index.row());
    }
    return nullptr;
}

void ArticlesPane::updateButtons()
{
    const storage::Article *article = current();
    const bool editable = m_actions != nullptr;
    const bool linked = article && m_lastView == m_linkedView;
    m_open->setEnabled(article && !article->deletedAt);
    m_link->setText(linked ? tr("Take Off") : tr("Solved with This"));
    m_link->setToolTip(linked ? tr("This ticket was not solved with the article after all")
                              : tr("Mark this ticket as solved with the article (shows on the card and in its "
                                   "history)"));
    m_link->setEnabled(editable && article && (linked || !article->deletedAt));
    m_apply->setEnabled(editable && article && article->templateId && !article->deletedAt);
    m_write->setEnabled(editable && m_cardId);
}

bool ArticlesPane::eventFilter(QObject *watched, QEvent *event)
{
    // Focus into a list selects its first article, so the buttons have one to act on.
    if (event->type() == QEvent::FocusIn) {
        auto *view = qobject_cast<QListView *>(watched);
        if (view && !view->currentIndex().isValid() && view->model()->rowCount() > 0)
            view->setCurrentIndex(view->model()->index(0, 0));
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace hb::board
