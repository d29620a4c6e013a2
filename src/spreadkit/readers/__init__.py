"""Reading what people give spreadkit: banks, answers files, sheets and folders of them."""
