// The primary "create" button with its plus icon (Create Webhook, Create API key); the label is its
// accessible name. Props and ref pass through to the button, so it can be a Radix Dialog.Trigger's
// asChild child (the dialog returns focus to it).
import { Button, type ButtonProps } from "./button";
import { PlusIcon } from "./icons";

export function CreateButton({ children, ...props }: Omit<ButtonProps, "variant">) {
  return (
    <Button variant="primary" {...props}>
      <PlusIcon />
      {children}
    </Button>
  );
}
