"""The briefing memo (Word): the packet's content as a document briefers edit and send."""
