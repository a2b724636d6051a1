// The chevron button that opens a row's detail (delivery attempts, event payload): title over a mono id.
type Props = {
  open: boolean;
  onToggle: () => void;
  controls: string;
  id?: string;
  title: string;
  subtitle: string;
  subtitleClassName: string;
  subtitleTitle?: string;
};

export function ExpandButton({ open, onToggle, controls, id, title, subtitle, subtitleClassName, subtitleTitle }: Props) {
  return (
    <button
      type="button"
      id={id}
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      className="group flex max-w-full items-start gap-1.5 rounded text-left"
    >
      <svg
        aria-hidden
        viewBox="0 0 16 16"
        className={`mt-0.5 size-3.5 shrink-0 text-muted transition-transform ${open ? "rotate-90" : ""}`}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="m6 4 4 4-4 4" />
      </svg>
      <span className="min-w-0">
        <span className="block font-mono text-[13px] font-medium group-hover:text-accent">{title}</span>
        <span className={`block font-mono text-xs text-muted ${subtitleClassName}`} title={subtitleTitle}>
          {subtitle}
        </span>
      </span>
    </button>
  );
}
