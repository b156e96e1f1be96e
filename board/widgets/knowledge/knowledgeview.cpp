// SPDX-License-Identifier: GPL-3.0-or-later
#include "knowledgeview.h"

#include "articledialog.h"

#include <board/actions/boardactions.h>
#include <board/model/articlemodel.h>
#include <board/model/boardmodel.h>
#include <board/model/attachmentmodel.h>
#include <board/sync/saved.h>
#include <board/widgets/cardeditor/attachmentdelegate.h>
#include <board/widgets/common/markdownview.h>
#include <storage/boardstore.h>

#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QVBoxLayout>

namespace hb::board {

namespace {

/// @p text as Markdown that shows it as it is (a template item's "*" or "#" is not markup).
QString markdownEscaped(const QString &text)
{
    static const QRegularExpression special(QStringLiteral("([\\\\`*_{}\\[\\]()#+\\-.!<>|~])"));
    QString escaped = text;
    escaped.replace(special, QStringLiteral("\\\\\\1"));
    return escaped;
}

} // namespace

KnowledgeView::KnowledgeView(BoardModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("knowledgeView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto *top = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("knowledgeSearch"));
    m_search->setPlaceholderText(tr("Search articles (title, text, labels)"));
    m_search->setAccessibleName(tr("Search the knowledge base"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, &KnowledgeView::search);
    top->addWidget(m_search, 1);
    m_new = new QPushButton(tr("New Article…"), this);
    m_new->setObjectName(QStringLiteral("newArticle"));
    connect(m_new, &QPushButton::clicked, this, [this] { writeArticle(); });
    top->addWidget(m_new);
    layout->addLayout(top);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("knowledgeCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_count);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_articles = new ArticleModel(this);
    m_list = new QListView(splitter);
    m_list->setObjectName(QStringLiteral("knowledgeList"));
    m_list->setAccessibleName(tr("Articles"));
    m_list->setModel(m_articles);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->installEventFilter(this);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &KnowledgeView::showCurrent);

    auto *page = new QWidget(splitter);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 6, 0, 0);
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("articleTitleShown"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setWeight(QFont::Bold);
    m_title->setFont(big);
    pageLayout->addWidget(m_title);
    m_meta = new QLabel(page);
    m_meta->setObjectName(QStringLiteral("articleMeta"));
    m_meta->setTextFormat(Qt::PlainText);
    m_meta->setWordWrap(true);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    pageLayout->addWidget(m_meta);
    auto *buttons = new QHBoxLayout;
    m_edit = new QPushButton(tr("Edit…"), page);
    m_edit->setObjectName(QStringLiteral("editArticle"));
    connect(m_edit, &QPushButton::clicked, this, &KnowledgeView::editArticle);
    m_delete = new QPushButton(tr("Delete"), page);
    m_delete->setObjectName(QStringLiteral("deleteArticle"));
    m_delete->setToolTip(tr("Delete the article (Edit > Undo brings it back); tickets solved with it keep naming it"));
    connect(m_delete, &QPushButton::clicked, this, &KnowledgeView::deleteArticle);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    m_attach = new QPushButton(tr("Attach File…"), page);
    m_attach->setObjectName(QStringLiteral("attachToArticle"));
    m_attach->setToolTip(tr("Store a manual or an install package in the board with the article"));
    connect(m_attach, &QPushButton::clicked, this, [this] {
        if (!m_actions || !m_shown)
            return;
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach Files to the Article"));
        if (!paths.isEmpty())
            m_actions->addArticleAttachments(m_shown, paths);
    });
    buttons->addWidget(m_attach);
    buttons->addStretch(1);
    pageLayout->addLayout(buttons);
    // Its files and links, as a card's are shown; saved as a copy, never opened from here.
    m_files = new AttachmentModel(this);
    m_files->setNameOf([this](const QString &login) { return m_model.memberName(login); });
    m_fileList = new QListView(page);
    m_fileList->setObjectName(QStringLiteral("articleAttachments"));
    m_fileList->setAccessibleName(tr("The article's attachments"));
    m_fileList->setModel(m_files);
    m_fileList->setItemDelegate(new AttachmentDelegate(m_fileList));
    m_fileList->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_fileList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    pageLayout->addWidget(m_fileList);
    auto *fileButtons = new QHBoxLayout;
    m_saveFile = new QPushButton(tr("Save As…"), page);
    m_saveFile->setObjectName(QStringLiteral("saveArticleAttachment"));
    connect(m_saveFile, &QPushButton::clicked, this, &KnowledgeView::saveAttachmentAs);
    m_removeFile = new QPushButton(tr("Remove"), page);
    m_removeFile->setObjectName(QStringLiteral("removeArticleAttachment"));
    m_removeFile->setToolTip(tr("Remove it from the article (Ctrl+Z brings it back)"));
    connect(m_removeFile, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_fileList->currentIndex();
        if (!m_actions || !index.isValid())
            return;
        // The keyboard goes back to the articles: the button hides with the last file.
        m_list->setFocus();
        m_actions->removeArticleAttachment(m_files->attachments().at(index.row()).id);
    });
    fileButtons->addWidget(m_saveFile);
    fileButtons->addWidget(m_removeFile);
    fileButtons->addStretch(1);
    pageLayout->addLayout(fileButtons);
    connect(m_fileList->selectionModel(), &QItemSelectionModel::currentChanged, this, &KnowledgeView::updateButtons);
    m_body = new MarkdownView(page);
    m_body->setObjectName(QStringLiteral("articleBodyShown"));
    m_body->setAccessibleName(tr("Article text"));
    pageLayout->addWidget(m_body, 1);
    splitter->addWidget(m_list);
    splitter->addWidget(page);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    setFocusProxy(m_search);
    setBoard(nullptr, nullptr);
}

KnowledgeView::~KnowledgeView() = default;

void KnowledgeView::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    m_store = store;
    m_actions = actions;
    m_shown = 0;
    ++m_boardGeneration; // a dialog open over the last board saves nothing to this one
    if (actions)
        connect(actions, &BoardActions::articlesChanged, this, &KnowledgeView::refresh, Qt::UniqueConnection);
    refresh();
}

void KnowledgeView::refresh()
{
    QHash<qint64, QString> names;
    for (const storage::Label &label : m_model.labels())
        names.insert(label.id, label.name);
    m_articles->setLabelNames(names);
    // Every article's title, labels and counts, held here: a keystroke then only asks the index which match. One
    // that cannot be read now (the share busy) keeps what was read before.
    if (m_store) {
        if (auto all = m_store->articles(false, storage::BoardStore::ArticleText::Without))
            m_all = std::move(*all);
    } else {
        m_all.clear();
    }
    search();
}

void KnowledgeView::search()
{
    const qint64 shown = m_shown;
    const QString text = m_search->text();
    QList<storage::Article> articles;
    if (text.trimmed().isEmpty()) {
        articles = m_all;
    } else if (m_store) {
        auto ids = m_store->searchArticles(text);
        if (!ids)
            return; // the list stays as it was
        QHash<qint64, const storage::Article *> byId;
        for (const storage::Article &article : std::as_const(m_all))
            byId.insert(article.id, &article);
        for (qint64 id : std::as_const(*ids)) {
            if (const storage::Article *article = byId.value(id))
                articles << *article;
        }
    }
    m_articles->setArticles(articles);
    const int total = m_articles->rowCount();
    m_count->setText(text.trimmed().isEmpty() ? tr("%n article(s)", nullptr, total)
                                              : tr("%n article(s) found", nullptr, total));
    const int row = m_articles->row(shown);
    if (row >= 0)
        m_list->setCurrentIndex(m_articles->index(row));
    else if (total > 0 && !text.trimmed().isEmpty())
        m_list->setCurrentIndex(m_articles->index(0)); // the best match, read at once
    else
        m_list->setCurrentIndex({});
    showCurrent();
}

void KnowledgeView::showArticle(qint64 id)
{
    if (m_articles->row(id) < 0 && !m_search->text().isEmpty())
        m_search->clear(); // searches again, without the filter
    if (const int row = m_articles->row(id); row >= 0)
        m_list->setCurrentIndex(m_articles->index(row));
}

void KnowledgeView::showCurrent()
{
    const storage::Article *article = m_articles->articleAt(m_list->currentIndex().row());
    m_shown = article ? article->id : 0;
    if (!article) {
        m_title->setText(m_articles->rowCount() ? tr("Pick an article to read it.")
                         : m_search->text().trimmed().isEmpty()
                                 ? tr("The knowledge base is empty. Write the answer to a problem that comes back, or "
                                      "turn a solved ticket into an article from its card.")
                                 : tr("No article matches “%1”.").arg(m_search->text().trimmed()));
        m_title->setFont(font());
        m_meta->clear();
        m_body->clear();
        showAttachments({});
        updateButtons();
        return;
    }
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setWeight(QFont::Bold);
    m_title->setFont(big);
    m_title->setText(article->title);
    QStringList meta;
    if (const QString labels = m_articles->data(m_list->currentIndex(), ArticleModel::LabelsRole).toString();
        !labels.isEmpty())
        meta << tr("Labels: %1").arg(labels);
    // Its checklist is part of what it says: under the text, as the steps "Apply checklist" adds to a ticket.
    QString checklist;
    if (article->templateId && m_store) {
        if (auto templates = m_store->checklistTemplates()) {
            for (const storage::ChecklistTemplate &each : std::as_const(*templates)) {
                if (each.id != article->templateId)
                    continue;
                meta << tr("Checklist: %1").arg(each.name);
                QStringList items;
                for (const QString &item : each.items)
                    items << QStringLiteral("- [ ] ") + markdownEscaped(item);
                checklist = QStringLiteral("\n\n---\n\n**%1**\n\n%2")
                                    .arg(markdownEscaped(tr("Checklist: %1").arg(each.name)), items.join(u'\n'));
            }
        }
    }
    meta << tr("Helped solve %n ticket(s)", nullptr, article->resolvedCards);
    const auto day = [](qint64 msecs) {
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msecs).date(), QLocale::ShortFormat);
    };
    meta << tr("Written by %1, %2").arg(m_model.memberName(article->createdBy), day(article->createdAt));
    if (article->updatedAt != article->createdAt)
        meta << tr("changed by %1, %2").arg(m_model.memberName(article->updatedBy), day(article->updatedAt));
    m_meta->setText(meta.join(QStringLiteral(" · ")));
    // The text, read now (the list has titles only); one that cannot be read now (a busy share) says so.
    if (m_store) {
        if (auto files = m_store->articleAttachments(article->id))
            showAttachments(*files);
    }
    QString text = checklist;
    if (m_store) {
        auto whole = m_store->article(article->id);
        text = whole ? whole->body + checklist
                     : tr("The text could not be read just now: %1").arg(whole.error().message);
    }
    m_body->setMarkdownText(text);
    updateButtons();
}

void KnowledgeView::updateButtons()
{
    const bool editable = m_actions != nullptr;
    m_new->setVisible(editable);
    m_edit->setVisible(editable);
    m_delete->setVisible(editable);
    m_attach->setVisible(editable);
    m_edit->setEnabled(m_shown != 0);
    m_delete->setEnabled(m_shown != 0);
    m_attach->setEnabled(m_shown != 0);
    const QModelIndex file = m_fileList->currentIndex();
    const bool any = m_files->rowCount() > 0;
    m_saveFile->setVisible(any);
    m_removeFile->setVisible(any && editable);
    m_saveFile->setEnabled(file.isValid()
                           && m_files->attachments().at(file.row()).kind == storage::AttachmentKind::File);
    m_removeFile->setEnabled(file.isValid());
}

void KnowledgeView::showAttachments(const QList<storage::Attachment> &attachments)
{
    m_files->setAttachments(m_shown, attachments);
    // As tall as what it holds: the article's text has the rest of the page.
    const int rows = m_files->rowCount();
    const int row = rows ? m_fileList->sizeHintForRow(0) : 0;
    m_fileList->setFixedHeight(rows * row + 2 * m_fileList->frameWidth());
    m_fileList->setVisible(rows > 0);
    if (rows && !m_fileList->currentIndex().isValid())
        m_fileList->setCurrentIndex(m_files->index(0));
    updateButtons();
}

void KnowledgeView::saveAttachmentAs()
{
    const QModelIndex index = m_fileList->currentIndex();
    if (!index.isValid() || !m_actions)
        return;
    const storage::Attachment attachment = m_files->attachments().at(index.row());
    const QString path = QFileDialog::getSaveFileName(this, tr("Save a Copy"), attachment.name);
    if (path.isEmpty())
        return;
    // Read off the window's thread, a chunk at a time; written whole or not at all.
    const qint64 id = attachment.id;
    m_actions->save({}, [id, path](storage::BoardStore &store) { return Saved{store.saveAttachment(id, path)}; });
}

bool KnowledgeView::runDialog(const storage::Article &article, storage::Article *written, storage::ArticlePatch *patch)
{
    if (!m_actions || !m_store)
        return false;
    // The templates as the file has them: without them (a busy share) the dialog would offer "None" and drop one.
    auto templates = m_store->checklistTemplates();
    if (!templates) {
        m_actions->report(templates.error());
        return false;
    }
    const int generation = m_boardGeneration;
    ArticleDialog dialog(article, m_model.labels(), *templates, this);
    // While it is open, another board may have been opened (the store and actions of this one gone).
    if (dialog.exec() != QDialog::Accepted || generation != m_boardGeneration || !m_actions)
        return false;
    if (written)
        *written = dialog.article();
    if (patch)
        *patch = dialog.patch();
    return true;
}

void KnowledgeView::writeArticle(const storage::Article &draft)
{
    storage::Article written;
    if (!runDialog(draft, &written, nullptr))
        return;
    m_actions->createArticle(written, [this](qint64 id) {
        if (id)
            showArticle(id);
    });
}

void KnowledgeView::editArticle()
{
    if (!m_actions || !m_store || !m_shown)
        return;
    // The article as the file has it now, text and all (the list holds titles).
    auto read = m_store->article(m_shown);
    if (!read) {
        m_actions->report(read.error());
        return;
    }
    const storage::Article before = *read;
    storage::ArticlePatch patch;
    if (runDialog(before, nullptr, &patch) && !patch.isEmpty())
        m_actions->editArticle(before, patch);
}

void KnowledgeView::deleteArticle()
{
    if (m_actions && m_shown)
        m_actions->deleteArticle(m_shown);
}

bool KnowledgeView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    // From the search, Down or Enter goes to the list; from the list, typing goes back to the search.
    if (watched == m_search
        && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
        if (m_articles->rowCount() > 0) {
            m_list->setFocus();
            if (!m_list->currentIndex().isValid())
                m_list->setCurrentIndex(m_articles->index(0));
        }
        return true;
    }
    if (watched == m_list) {
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && m_actions && m_shown) {
            editArticle();
            return true;
        }
        if (key->key() == Qt::Key_Delete && m_actions && m_shown) {
            deleteArticle();
            return true;
        }
        if (!key->text().isEmpty() && key->text().at(0).isPrint() && !(key->modifiers() & Qt::ControlModifier)) {
            m_search->setFocus();
            m_search->insert(key->text());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace hb::board
