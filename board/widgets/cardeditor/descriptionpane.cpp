// SPDX-License-Identifier: GPL-3.0-or-later
#include "descriptionpane.h"

#include <board/widgets/common/limitedtextedit.h>
#include <board/widgets/common/markdownview.h>
#include <storage/boardstore.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace hb::board {

using namespace editorparts;

DescriptionPane::DescriptionPane(SaveCard save, QWidget *parent)
    : QWidget(parent)
    , m_save(std::move(save))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Description"), this);
    QFont bold = title->font();
    bold.setWeight(QFont::DemiBold);
    title->setFont(bold);
    header->addWidget(title, 1);
    m_previewButton = new QToolButton(this);
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_previewButton->setCheckable(true);
    m_previewButton->setText(tr("Preview"));
    m_previewButton->setToolTip(tr("Show the description as formatted text (Ctrl+Shift+P)"));
    m_previewButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_previewButton, &QToolButton::toggled, this, &DescriptionPane::setPreview);
    header->addWidget(m_previewButton);
    layout->addLayout(header);

    m_stack = new QStackedWidget(this);
    m_edit = new LimitedTextEdit(this);
    m_edit->setObjectName(QStringLiteral("descriptionEdit"));
    m_edit->setMaxLength(storage::BoardStore::s_maxTextLength);
    m_edit->setPlaceholderText(tr("What is wrong, what was tried (Markdown)"));
    m_edit->setTabChangesFocus(true);
    m_edit->installEventFilter(this);
    m_preview = new MarkdownView(this);
    m_preview->setObjectName(QStringLiteral("descriptionPreview"));
    m_stack->addWidget(m_edit);
    m_stack->addWidget(m_preview);
    m_stack->setMinimumHeight(160);
    layout->addWidget(m_stack, 1);
    m_notice = noticeLabel(QStringLiteral("descriptionNotice"), this);
    layout->addWidget(m_notice);
    connect(m_edit, &LimitedTextEdit::truncated, this, [this](qsizetype dropped) {
        m_notice->setText(tooLongText(dropped));
        m_notice->show();
    });
}

DescriptionPane::~DescriptionPane() = default;

void DescriptionPane::showCard()
{
    m_previewButton->setChecked(false);
    m_edit->document()->setModified(false);
    m_notice->hide();
}

void DescriptionPane::showText(const QString &description, bool editable)
{
    m_edit->setReadOnly(!editable);
    if (m_edit->document()->isModified())
        return;
    if (m_edit->toPlainText() != description)
        m_edit->setPlainText(description);
    m_typedFrom.description = description;
}

void DescriptionPane::commit()
{
    if (!m_edit->document()->isModified())
        return;
    // Refused text (too long) stays in the field, still modified, so nothing typed is lost.
    if (saveTyped(m_save, &storage::CardPatch::description, m_edit->toPlainText(), m_typedFrom, tr("Edit Description")))
        m_edit->document()->setModified(false);
}

bool DescriptionPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::FocusOut)
        commit();
    return QWidget::eventFilter(watched, event);
}

void DescriptionPane::setPreview(bool preview)
{
    if (preview) {
        commit();
        m_preview->setMarkdownText(m_edit->toPlainText());
    }
    m_previewButton->setText(preview ? tr("Edit") : tr("Preview"));
    m_stack->setCurrentWidget(preview ? static_cast<QWidget *>(m_preview) : m_edit);
}

} // namespace hb::board
