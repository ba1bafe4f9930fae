# bash completion for notice-tui: generated from notice-tui's parser by packaging/make_share.py; do not edit.
# Install: copy to ~/.local/share/bash-completion/completions/notice-tui, or
#          eval "$(notice-tui --completion bash)" in ~/.bashrc

_notice_tui_reply() {  # COMPREPLY from compgen ARGS, one candidate per line
    local line
    COMPREPLY=()
    while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen "$@")
}

_notice_tui() {
    local cur prev cmd i word
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    # --option=value: bash splits the word at "="
    if [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == "=" ]]; then
        return 0
    fi
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
            --completion|--theme|--release|--server|--calendar|--ca-file|--repo|--today|--color) ((i++)) ;;
            log|show|diff|changes|search|status|releases|reviews|translations|import|config) cmd=$word; break ;;
        esac
    done
    case $cmd in
        "")
            case $prev in
                --completion) _notice_tui_reply -W 'bash zsh' -- "$cur"; return ;;
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --calendar|--ca-file) _notice_tui_reply -f -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --theme|--release|--server|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --version --completion --theme --release --server --calendar --ca-file --repo --today --color --no-pager --debug' -- "$cur"
            else
                _notice_tui_reply -W 'log show diff changes search status releases reviews translations import config' -- "$cur"
            fi
            ;;
        log)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --all --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        show)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --at|--rev|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --at --rev --as-recorded --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        diff)
            case $prev in
                --format) _notice_tui_reply -W 'text markdown' -- "$cur"; return ;;
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --ignore-whitespace -w --full --as-recorded --format --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        changes)
            case $prev in
                --format) _notice_tui_reply -W 'text markdown json' -- "$cur"; return ;;
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --since|--until|--notice|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --since --until --notice --format --full --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        search)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --notice|--limit|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --all-versions --notice --limit --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        status)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --ca-file|--calendar) _notice_tui_reply -f -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --release|--server|--timeout|--warn-days|--crit-days|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --release --server --ca-file --timeout --calendar --warn-days --crit-days --verbose --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        releases)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --calendar|--export) _notice_tui_reply -f -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --release|--warn-days|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --release --calendar --warn-days --export --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        reviews)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --notice|--max-age|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --latest --check --notice --max-age --verbose --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        translations)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --source-language|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --source-language --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
        import)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --branch|--today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --branch --require-signed --verbose --repo --today --json --color --no-pager --debug' -- "$cur"
            else
                _notice_tui_reply -f -- "$cur"
                compopt -o filenames 2>/dev/null
            fi
            ;;
        config)
            case $prev in
                --color) _notice_tui_reply -W 'auto always never' -- "$cur"; return ;;
                --repo) _notice_tui_reply -d -- "$cur"; compopt -o filenames 2>/dev/null; return ;;
                --today) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                _notice_tui_reply -W '-h --help --repo --today --json --color --no-pager --debug' -- "$cur"
            fi
            ;;
    esac
    return 0
}

complete -F _notice_tui notice-tui
