// Discord's numbers, in one place: limits, flags, component, option, interaction and callback
// types. Each is checked against discord-api-types with a type-only import (`satisfies`), so a
// wrong number fails `tsc` and nothing of discord-api-types is loaded at run time.
import type * as API from 'discord-api-types/v10';

/** Message limits (characters), https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  rows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  selectLabel: 100,
  selectValue: 100,
  selectDescription: 100,
  selectPlaceholder: 150,
  choices: 25,
  choiceName: 100,
} as const;

export const MessageFlags = { Ephemeral: 64 } as const satisfies { Ephemeral: API.MessageFlags.Ephemeral };

export const ComponentType = { ActionRow: 1, Button: 2, StringSelect: 3 } as const satisfies {
  ActionRow: API.ComponentType.ActionRow;
  Button: API.ComponentType.Button;
  StringSelect: API.ComponentType.StringSelect;
};

export const ButtonStyle = { Primary: 1, Secondary: 2, Success: 3, Danger: 4 } as const satisfies {
  Primary: API.ButtonStyle.Primary;
  Secondary: API.ButtonStyle.Secondary;
  Success: API.ButtonStyle.Success;
  Danger: API.ButtonStyle.Danger;
};

/** Option types this bot's commands use (ApplicationCommandOptionType). */
export const OptionType = { String: 3, Integer: 4, Boolean: 5 } as const satisfies {
  String: API.ApplicationCommandOptionType.String;
  Integer: API.ApplicationCommandOptionType.Integer;
  Boolean: API.ApplicationCommandOptionType.Boolean;
};

export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const satisfies {
  Ping: API.InteractionType.Ping;
  ApplicationCommand: API.InteractionType.ApplicationCommand;
  MessageComponent: API.InteractionType.MessageComponent;
  Autocomplete: API.InteractionType.ApplicationCommandAutocomplete;
  ModalSubmit: API.InteractionType.ModalSubmit;
};

export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessage: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const satisfies {
  Pong: API.InteractionResponseType.Pong;
  ChannelMessageWithSource: API.InteractionResponseType.ChannelMessageWithSource;
  DeferredChannelMessage: API.InteractionResponseType.DeferredChannelMessageWithSource;
  DeferredUpdateMessage: API.InteractionResponseType.DeferredMessageUpdate;
  UpdateMessage: API.InteractionResponseType.UpdateMessage;
  Modal: API.InteractionResponseType.Modal;
  AutocompleteResult: API.InteractionResponseType.ApplicationCommandAutocompleteResult;
};
