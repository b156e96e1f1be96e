// SPDX-License-Identifier: GPL-3.0-or-later
#include "articledialog.h"

#include <board/widgets/common/characterlimit.h>
#include <board/widgets/common/limitedtextedit.h>
#include <board/widgets/common/markdownview.h>
#include <storage/boardstore.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace hb::board {

ArticleDialog::ArticleDialog(const storage::Article &article, const QList<storage::Label> &labels,
                             const QList<storage::ChecklistTemplate> &templates, QWidget *parent)
    : QDialog(parent)
    , m_start(article)
{
    setObjectName(QStringLiteral("articleDialog"));
    setWindowTitle(article.id ? tr("Edit Article") : tr("New Article"));
    resize(640, 560);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_title = new QLineEdit(article.title, this);
    m_title->setObjectName(QStringLiteral("articleTitle"));
    m_title->setPlaceholderText(tr("The problem, as people describe it"));
    CharacterLimit::apply(m_title, storage::BoardStore::s_maxArticleTitleLength);
    form->addRow(tr("&Title:"), m_title);
    m_template = new QComboBox(this);
    m_template->setObjectName(QStringLiteral("articleTemplate"));
    m_template->addItem(tr("None"), qint64(0));
    for (const storage::ChecklistTemplate &each : templates)
        m_template->addItem(each.name, each.id);
    m_template->setCurrentIndex(std::max(0, m_template->findData(article.templateId)));
    form->addRow(tr("&Checklist:"), m_template);
    layout->addLayout(form);

    auto *textHeader = new QHBoxLayout;
    auto *textLabel = new QLabel(tr("Te&xt (Markdown):"), this);
    textHeader->addWidget(textLabel, 1);
    m_previewButton = new QToolButton(this);
    m_previewButton->setObjectName(QStringLiteral("articlePreviewButton"));
    m_previewButton->setCheckable(true);
    m_previewButton->setText(tr("Preview"));
    m_previewButton->setToolTip(tr("Show the text as formatted (Ctrl+Shift+P)"));
    m_previewButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_previewButton, &QToolButton::toggled, this, &ArticleDialog::setPreview);
    textHeader->addWidget(m_previewButton);
    layout->addLayout(textHeader);
    m_stack = new QStackedWidget(this);
    m_body = new LimitedTextEdit(this);
    m_body->setObjectName(QStringLiteral("articleBody"));
    m_body->setMaxLength(storage::BoardStore::s_maxArticleBodyLength);
    m_body->setPlaceholderText(tr("What to check, step by step; what fixed it"));
    m_body->setTabChangesFocus(true);
    m_body->setPlainText(article.body);
    textLabel->setBuddy(m_body);
    m_preview = new MarkdownView(this);
    m_preview->setObjectName(QStringLiteral("articlePreview"));
    m_stack->addWidget(m_body);
    m_stack->addWidget(m_preview);
    layout->addWidget(m_stack, 3);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("articleNotice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->hide();
    layout->addWidget(m_notice);
    connect(m_body, &LimitedTextEdit::truncated, this, [this](qsizetype dropped) {
        m_notice->setText(tr("The text holds at most %1 characters: %2 were left out.")
                                  .arg(QLocale().toString(storage::BoardStore::s_maxArticleBodyLength),
                                       QLocale().toString(dropped)));
        m_notice->show();
    });

    auto *labelsLabel = new QLabel(tr("&Labels:"), this);
    layout->addWidget(labelsLabel);
    m_labels = new QListWidget(this);
    m_labels->setObjectName(QStringLiteral("articleLabels"));
    m_labels->setFlow(QListView::LeftToRight);
    m_labels->setWrapping(true);
    m_labels->setMaximumHeight(80);
    for (const storage::Label &label : labels) {
        auto *item = new QListWidgetItem(label.name, m_labels);
        item->setData(Qt::UserRole, label.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(article.labelIds.contains(label.id) ? Qt::Checked : Qt::Unchecked);
    }
    labelsLabel->setBuddy(m_labels);
    labelsLabel->setVisible(!labels.isEmpty());
    m_labels->setVisible(!labels.isEmpty());
    layout->addWidget(m_labels, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ArticleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ArticleDialog::reject);
    layout->addWidget(buttons);
    m_title->setFocus();
}

ArticleDialog::~ArticleDialog() = default;

void ArticleDialog::setPreview(bool preview)
{
    if (preview)
        m_preview->setMarkdownText(m_body->toPlainText());
    m_previewButton->setText(preview ? tr("Edit") : tr("Preview"));
    m_stack->setCurrentWidget(preview ? static_cast<QWidget *>(m_preview) : m_body);
}

storage::Article ArticleDialog::article() const
{
    storage::Article article = m_start;
    article.title = m_title->text().trimmed();
    article.body = m_body->toPlainText();
    article.templateId = m_template->currentData().toLongLong();
    // Labels the dialog does not list (new since the board was read) are kept as they were.
    QList<qint64> labelIds;
    QSet<qint64> listed;
    for (int row = 0; row < m_labels->count(); ++row) {
        const QListWidgetItem *item = m_labels->item(row);
        listed.insert(item->data(Qt::UserRole).toLongLong());
        if (item->checkState() == Qt::Checked)
            labelIds << item->data(Qt::UserRole).toLongLong();
    }
    for (qint64 id : m_start.labelIds) {
        if (!listed.contains(id))
            labelIds << id;
    }
    article.labelIds = labelIds;
    return article;
}

storage::ArticlePatch ArticleDialog::patch() const
{
    const storage::Article now = article();
    storage::ArticlePatch patch;
    if (now.title != m_start.title)
        patch.title = now.title;
    if (now.body != m_start.body)
        patch.body = now.body;
    if (now.templateId != m_start.templateId)
        patch.templateId = now.templateId;
    QList<qint64> before = m_start.labelIds;
    QList<qint64> after = now.labelIds;
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    if (before != after)
        patch.labelIds = now.labelIds;
    return patch;
}

void ArticleDialog::accept()
{
    if (m_title->text().trimmed().isEmpty()) {
        m_notice->setText(tr("An article needs a title."));
        m_notice->show();
        m_title->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace hb::board
