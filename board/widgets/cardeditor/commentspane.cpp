// SPDX-License-Identifier: GPL-3.0-or-later
#include "commentspane.h"

#include "editorparts.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <board/widgets/common/limitedtextedit.h>
#include <storage/boardstore.h>

#include <QDateTime>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace hb::board {

using namespace editorparts;

CommentsPane::CommentsPane(BoardModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("commentsPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *heading = new QLabel(tr("Comments"), this);
    QFont bold = heading->font();
    bold.setWeight(QFont::DemiBold);
    heading->setFont(bold);
    layout->addWidget(heading);
    m_view = entryList(QStringLiteral("commentsView"), 40, this);
    connect(m_view, &QTextBrowser::anchorClicked, this, &CommentsPane::openLink);
    layout->addWidget(m_view);
    m_edit = new LimitedTextEdit(this);
    m_edit->setObjectName(QStringLiteral("commentEdit"));
    m_edit->setMaxLength(storage::BoardStore::s_maxTextLength);
    m_edit->setPlaceholderText(tr("Write a comment (Ctrl+Enter posts it)"));
    m_edit->setAccessibleName(tr("Comment"));
    m_edit->setTabChangesFocus(true);
    m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * 4);
    m_edit->installEventFilter(this);
    layout->addWidget(m_edit);
    m_notice = noticeLabel(QStringLiteral("commentNotice"), this);
    layout->addWidget(m_notice);
    connect(m_edit, &LimitedTextEdit::truncated, this, [this](qsizetype dropped) {
        m_notice->setText(tooLongText(dropped));
        m_notice->show();
    });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_cancelEdit = new QToolButton(this);
    m_cancelEdit->setObjectName(QStringLiteral("cancelCommentEdit"));
    m_cancelEdit->setText(tr("Cancel"));
    connect(m_cancelEdit, &QToolButton::clicked, this, [this] { setEditing(0); });
    buttons->addWidget(m_cancelEdit);
    m_post = new QPushButton(this);
    m_post->setObjectName(QStringLiteral("postComment"));
    connect(m_post, &QPushButton::clicked, this, &CommentsPane::post);
    buttons->addWidget(m_post);
    layout->addLayout(buttons);
    setEditing(0);
}

CommentsPane::~CommentsPane() = default;

void CommentsPane::setBoard(storage::BoardStore *store, BoardActions *actions)
{
    m_store = store;
    m_actions = actions;
    m_cardId = 0;
    m_shown.clear();
    setEditing(0);
    if (actions) {
        connect(actions, &BoardActions::commentsSaved, this,
                [this](qint64 cardId, const QList<storage::Comment> &comments) {
                    if (cardId == m_cardId)
                        showComments(cardId, comments);
                });
    }
}

void CommentsPane::showComments(qint64 cardId, const QList<storage::Comment> &comments)
{
    m_cardId = cardId;
    m_shown = comments;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString me = m_store ? m_store->login() : QString();
    const bool admin = m_store && m_store->role() == storage::Role::Admin;
    QString html;
    for (const storage::Comment &comment : comments) {
        QString links;
        if (m_actions && comment.author == me)
            links += QStringLiteral(" · <a href=\"helpboard-comment:edit/%1\">%2</a>").arg(comment.id).arg(tr("Edit"));
        if (m_actions && (comment.author == me || admin))
            links += QStringLiteral(" · <a href=\"helpboard-comment:delete/%1\">%2</a>")
                             .arg(comment.id)
                             .arg(tr("Delete"));
        html += entryHtml(m_model.memberName(comment.author), comment.createdAt, now,
                          (comment.editedAt ? tr(" · edited") : QString()) + links, plainWithLinks(comment.body));
    }
    if (comments.isEmpty())
        html = QStringLiteral("<p><i>%1</i></p>").arg(tr("No comments yet."));
    m_view->setHtml(html);
}

void CommentsPane::showProblem(const QString &message)
{
    m_view->setPlainText(message);
}

void CommentsPane::setEditable(bool editable)
{
    m_edit->setEnabled(editable);
    m_post->setEnabled(editable);
}

void CommentsPane::hideNotice()
{
    m_notice->hide();
}

bool CommentsPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() & Qt::ControlModifier) {
            post();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CommentsPane::openLink(const QUrl &url)
{
    if (url.scheme() != u"helpboard-comment") {
        if (url.scheme() == u"http" || url.scheme() == u"https" || url.scheme() == u"mailto")
            QDesktopServices::openUrl(url);
        return;
    }
    const QStringList parts = url.path().split(QLatin1Char('/'));
    const qint64 id = parts.value(1).toLongLong();
    if (!m_actions || !id)
        return;
    if (parts.value(0) == u"edit")
        setEditing(id);
    else if (parts.value(0) == u"delete")
        m_actions->deleteComment(m_cardId, id);
}

void CommentsPane::setEditing(qint64 commentId)
{
    const bool wasEditing = m_editing != 0;
    const auto comment = std::find_if(m_shown.cbegin(), m_shown.cend(),
                                      [commentId](const storage::Comment &each) { return each.id == commentId; });
    m_editing = comment != m_shown.cend() ? commentId : 0;
    m_post->setText(m_editing ? tr("Save Comment") : tr("Comment"));
    m_cancelEdit->setVisible(m_editing != 0);
    if (m_editing) {
        m_edit->setPlainText(comment->body);
        m_edit->setFocus();
    } else if (wasEditing) {
        m_edit->clear(); // the edit was given up
    }
}

void CommentsPane::post()
{
    const QString body = m_edit->toPlainText().trimmed();
    if (!m_actions || !m_model.cardAt(m_model.cardIndex(m_cardId)) || body.isEmpty())
        return;
    bool taken = false;
    if (m_editing) {
        const auto comment = std::find_if(m_shown.cbegin(), m_shown.cend(),
                                          [this](const storage::Comment &each) { return each.id == m_editing; });
        taken = comment != m_shown.cend() && m_actions->editComment(m_cardId, m_editing, comment->body, body);
    } else {
        taken = m_actions->addComment(m_cardId, body);
    }
    // What was written stays when it is refused (too long), so nothing typed is lost.
    if (taken) {
        m_edit->clear();
        setEditing(0);
    }
}

} // namespace hb::board
